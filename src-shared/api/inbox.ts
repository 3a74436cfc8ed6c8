import { z } from 'zod';
import type { Category, Channel, ConversationStatus, Id, Priority } from '../domain';
import { InboxFilters, InboxSort, InboxView } from './views';

/** Most conversations one bulk action may touch: "select all" stops here. */
export const BULK_LIMIT = 2_000;

export const InboxArgs = {
  'inbox.counts': z.object({ views: z.array(InboxView).max(64) }),
  'inbox.list': z.object({
    view: InboxView,
    offset: z.number().int().nonnegative().max(10_000_000).default(0),
    limit: z.number().int().positive().max(500).default(50),
    sort: InboxSort.default('last_activity'),
    filters: InboxFilters.default({}),
  }),
  /** The ids of a whole (sorted, filtered) view, up to BULK_LIMIT: "select all N in this view". */
  'inbox.ids': z.object({ view: InboxView, sort: InboxSort.default('last_activity'), filters: InboxFilters.default({}) }),
} as const;

/** A conversation as one inbox row shows it. */
export interface InboxRow {
  id: Id;
  customerName: string;
  channel: Channel;
  subject: string;
  preview: string;
  status: ConversationStatus;
  priority: Priority;
  category: Category;
  assigneeId: Id | null;
  lastActivityAt: number;
  messageCount: number;
  slaFirstResponseDueAt: number | null;
  slaResolutionDueAt: number | null;
  firstResponseAt: number | null;
}

/** What a bulk action needs to know of each selected conversation, to act and to undo. */
export interface SelectedConversation {
  id: Id;
  status: ConversationStatus;
  assigneeId: Id | null;
}

export interface InboxResults {
  'inbox.counts': { counts: number[] };
  'inbox.list': { rows: InboxRow[]; total: number };
  'inbox.ids': { items: SelectedConversation[]; total: number };
}
