import type { Conversation, Customer, Message, Note } from '../../src-shared/domain';
import { toConversation, toMessage, toNote } from '../../src-shared/sync/row-mappers';
import type { ConversationRow, ConversationTagRow, CustomerIdentityRow, CustomerRow, MessageRow, NoteRow } from '../../src-shared/sync/rows';
import type { HubStore, StoredEntity } from '../store/contract';

/** One line of the export: a conversation with everything a person reading it needs. */
export interface ExportedConversation {
  conversation: Conversation;
  messages: Message[];
  notes: Note[];
  customer: Customer | null;
}

const PAGE = 500;
const rows = <R>(entities: StoredEntity[]) => entities.map((e) => e.data as unknown as R);
const byTimeThenId = <T extends { createdAt: number; id: number | string }>(a: T, b: T) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Writes one JSON line per live conversation, a page at a time (memory stays flat however big the
 * workspace), awaiting `write` so a slow output applies back-pressure. Returns how many it wrote.
 */
export async function exportConversations(store: HubStore, write: (line: string) => Promise<void>, progress: (done: number) => void): Promise<number> {
  let done = 0;
  for (let after = ''; ; ) {
    const page = await store.scanKind('conversation', after, PAGE);
    if (page.length === 0) return done;
    const customers = await store.getEntities([...new Set(page.map((e) => String((e.data as ConversationRow).customerId)))].map((id) => ({ kind: 'customer' as const, id })));
    for (const e of page) {
      const row = e.data as ConversationRow;
      const [tags, messages, notes] = await Promise.all([store.listChildren('conversation_tag', e.id), store.listChildren('message', e.id), store.listChildren('note', e.id)]);
      const customer = customers.get(`customer/${row.customerId}`);
      const line: ExportedConversation = {
        conversation: toConversation(row, rows<ConversationTagRow>(tags).map((t) => t.tag).sort()),
        messages: rows<MessageRow>(messages).sort(byTimeThenId).map(toMessage),
        notes: rows<NoteRow>(notes).sort(byTimeThenId).map(toNote),
        customer: customer ? await withIdentities(store, customer.data as CustomerRow) : null,
      };
      await write(`${JSON.stringify(line)}\n`);
      done += 1;
    }
    progress(done);
    after = page.at(-1)!.id;
  }
}

async function withIdentities(store: HubStore, c: CustomerRow): Promise<Customer> {
  const identities = rows<CustomerIdentityRow>(await store.listChildren('customer_identity', String(c.id)))
    .sort((a, b) => a.id - b.id)
    .map((i) => ({ kind: i.kind, value: i.value }));
  return { id: c.id, name: c.name, identities: identities as Customer['identities'], createdAt: c.createdAt };
}
