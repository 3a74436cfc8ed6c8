import { accountKey, ownAddresses, type EmailAccount } from '../account';
import type { HubWriteTx } from '../../../store/contract';
import type { EmailFacts } from './parse-email';

/**
 * Whose side a mail is on. Mail from one of the shop's own addresses (the account's From and its
 * aliases) is the shop's: an agent answered from Outlook or Gmail, or the hub's own copy in Sent.
 * Its customer is the first recipient who is not the shop; mail among the shop's own addresses
 * has none and is not a conversation.
 */
export type MailSide = { direction: 'inbound'; counterpart: { address: string; name: string } } | { direction: 'outbound'; counterpart: { address: string; name: string } | null; from: string };

export async function sideOf(tx: HubWriteTx, accountId: string, mail: EmailFacts): Promise<MailSide> {
  const from = mail.from!;
  const account = await tx.connectors.get<EmailAccount>(accountKey(accountId));
  // An account deleted mid-sync (or a test ingesting without one) has no own addresses: inbound.
  const own = new Set(account ? ownAddresses(account) : []);
  if (!own.has(from.address.toLowerCase())) return { direction: 'inbound', counterpart: from };
  const counterpart = mail.recipients.find((r) => !own.has(r.address)) ?? null;
  return { direction: 'outbound', counterpart, from: from.address };
}
