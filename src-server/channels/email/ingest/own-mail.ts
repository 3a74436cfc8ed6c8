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

/** One read of the account per write (a batch of up to 200 mails), not one per mail. */
const ownByTx = new WeakMap<HubWriteTx, Map<string, Promise<Set<string>>>>();

function ownOf(tx: HubWriteTx, accountId: string): Promise<Set<string>> {
  const perTx = ownByTx.get(tx) ?? new Map<string, Promise<Set<string>>>();
  ownByTx.set(tx, perTx);
  let own = perTx.get(accountId);
  if (!own) {
    // The stored settings, as `mail aliases` last left them. An account deleted mid-sync has no own addresses: all inbound.
    own = tx.connectors.get<EmailAccount>(accountKey(accountId)).then((a) => new Set(a ? ownAddresses(a) : []));
    perTx.set(accountId, own);
  }
  return own;
}

export async function sideOf(tx: HubWriteTx, accountId: string, mail: EmailFacts): Promise<MailSide> {
  const from = mail.from!;
  const own = await ownOf(tx, accountId);
  if (!own.has(from.address.toLowerCase())) return { direction: 'inbound', counterpart: from };
  const counterpart = mail.recipients.find((r) => !own.has(r.address)) ?? null;
  return { direction: 'outbound', counterpart, from: from.address };
}
