import type { ConversationRow, CustomerIdentityRow, EntityKind, MessageRow } from '../../../../src-shared/sync/rows';
import type { EntityKey, HubStore, StoredEntity } from '../../../store/contract';
import { emailRefs } from './email-refs';
import { normalizeMessageId } from './parse-email';
import { normalizeSubject } from './subject';

type Ref = EntityKey & { ref: string };
/** Rows read and refs written per step: memory stays flat on a big workspace. */
const PAGE = 5_000;

/**
 * The refs ingest would have written, for rows that came in another way (a desktop's replica
 * imported into a new hub: the demo workspace of `npm start`, a solo desktop becoming a team's):
 * customers' email addresses, email Message-IDs, and each customer's newest email conversation
 * per subject. Without them a demo customer's first real email would make a second customer, and
 * a reply to a seeded message would start a new conversation. Idempotent; returns how many refs.
 */
export async function indexImportedEmail(store: HubStore): Promise<number> {
  let written = 0;
  const put = async (refs: Ref[]) => {
    if (refs.length) await store.write((tx) => tx.putRefs(refs));
    written += refs.length;
  };
  await eachPage(store, 'customer_identity', (rows) =>
    put(rows.map((e) => e.data as CustomerIdentityRow).filter((i) => i.kind === 'email').map((i) => ({ ref: emailRefs.address(i.value), kind: 'customer', id: String(i.customerId) }))),
  );
  await eachPage(store, 'message', (rows) =>
    put(
      rows.flatMap((e) => {
        const m = e.data as MessageRow;
        const id = m.channel === 'email' && m.externalId !== null ? normalizeMessageId(m.externalId) : null;
        return id === null ? [] : [{ ref: emailRefs.messageId(id), kind: 'message' as const, id: String(m.id) }];
      }),
    ),
  );
  // A customer's newest conversation per subject: the one ingest's subject rule would join.
  const newest = new Map<string, { id: number; at: number }>();
  await eachPage(store, 'conversation', async (rows) => {
    for (const e of rows) {
      const c = e.data as ConversationRow;
      const subject = c.channel === 'email' && c.mergedIntoId === null ? normalizeSubject(c.subject) : '';
      if (subject === '') continue;
      const ref = emailRefs.subject(c.customerId, subject);
      const seen = newest.get(ref);
      if (!seen || c.lastActivityAt > seen.at) newest.set(ref, { id: c.id, at: c.lastActivityAt });
    }
  });
  const subjects = [...newest].map(([ref, c]) => ({ ref, kind: 'conversation' as const, id: String(c.id) }));
  for (let i = 0; i < subjects.length; i += PAGE) await put(subjects.slice(i, i + PAGE));
  return written;
}

async function eachPage(store: HubStore, kind: EntityKind, fn: (rows: StoredEntity[]) => Promise<unknown>): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await store.scanKind(kind, after, PAGE);
    if (rows.length === 0) return;
    await fn(rows);
    after = rows.at(-1)!.id;
  }
}
