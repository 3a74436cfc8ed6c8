import type { SyncedRows } from '../../../src-shared/sync/rows';
import type * as t from './schema';

/**
 * Compile-time proof that the replica's tables and the synced row types agree: a column added
 * to one and not the other fails `tsc`. Local-only columns are left out on purpose.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;

export type SyncRowsMatchSchema = [
  Expect<Same<typeof t.workspace.$inferSelect, SyncedRows['workspace']>>,
  Expect<Same<typeof t.agent.$inferSelect, SyncedRows['agent']>>,
  Expect<Same<typeof t.customer.$inferSelect, SyncedRows['customer']>>,
  Expect<Same<typeof t.customerIdentity.$inferSelect, SyncedRows['customer_identity']>>,
  Expect<Same<Omit<typeof t.conversation.$inferSelect, 'version' | 'priorityRank'>, SyncedRows['conversation']>>,
  Expect<Same<typeof t.conversationTag.$inferSelect, SyncedRows['conversation_tag']>>,
  Expect<Same<typeof t.message.$inferSelect, SyncedRows['message']>>,
  Expect<Same<Omit<typeof t.note.$inferSelect, 'seq'>, SyncedRows['note']>>,
  Expect<Same<typeof t.macro.$inferSelect, SyncedRows['macro']>>,
  Expect<Same<typeof t.shopOrder.$inferSelect, SyncedRows['shop_order']>>,
  Expect<Same<typeof t.csatRating.$inferSelect, SyncedRows['csat_rating']>>,
  Expect<Same<typeof t.qaReview.$inferSelect, SyncedRows['qa_review']>>,
  Expect<Same<Omit<typeof t.notification.$inferSelect, 'readAt'>, SyncedRows['notification']>>,
];
