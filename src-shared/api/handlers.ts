import { z } from 'zod';
import type {
  Agent,
  Channel,
  Conversation,
  CsatRating,
  Customer,
  Id,
  Message,
  Note,
  Order,
  Workspace,
  Category,
  ConversationStatus,
  Priority,
} from '../domain';
import { Id as IdSchema } from '../domain';
import { MutationArgs, type MutationName } from '../mutators';
import { InboxView } from './views';

/**
 * The one typed API between the console and the core. Each handler's key names its argument
 * schema (validated by the core on every call) and its result type; both transports carry it.
 */
export const ApiArgs = {
  'app.info': z.object({}),
  'inbox.counts': z.object({ views: z.array(InboxView).max(64) }),
  'inbox.list': z.object({
    view: InboxView,
    offset: z.number().int().nonnegative().max(10_000_000).default(0),
    limit: z.number().int().positive().max(500).default(50),
  }),
  'conversation.get': z.object({ id: IdSchema }),
  'search.query': z.object({ q: z.string().max(500), limit: z.number().int().positive().max(100).default(25) }),
  mutate: z.discriminatedUnion(
    'name',
    (Object.keys(MutationArgs) as MutationName[]).map((name) =>
      z.object({ name: z.literal(name), args: MutationArgs[name] }),
    ) as unknown as [z.ZodObject<{ name: z.ZodLiteral<MutationName>; args: z.ZodTypeAny }>],
  ),
  'outbox.list': z.object({ limit: z.number().int().positive().max(500).default(100) }),
} as const;

export type ApiName = keyof typeof ApiArgs;

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
}

export interface ConversationDetail {
  conversation: Conversation;
  messages: Message[];
  notes: Note[];
  customer: Customer;
  orders: Order[];
  csat: CsatRating[];
  /** The customer's other conversations on any channel, newest first. */
  history: InboxRow[];
}

export interface SearchHit {
  kind: 'message' | 'note' | 'customer';
  conversationId: Id | null;
  customerId: Id;
  customerName: string;
  subject: string | null;
  channel: Channel | null;
  /** Snippet with matches wrapped in \u0002...\u0003 so the UI can highlight without HTML. */
  snippet: string;
  at: number;
}

export interface OutboxEntry {
  id: Id;
  name: string;
  args: unknown;
  status: 'pending' | 'sent' | 'rejected';
  attempts: number;
  lastError: string | null;
  createdAt: number;
}

export interface ApiResults {
  'app.info': {
    workspace: Workspace;
    me: Agent;
    agents: Agent[];
    schemaVersion: number;
    protocolVersion: number;
    dataDir: string;
    totals: { conversations: number; messages: number; customers: number };
  };
  'inbox.counts': { counts: number[] };
  'inbox.list': { rows: InboxRow[]; total: number };
  'conversation.get': ConversationDetail;
  'search.query': { hits: SearchHit[]; tookMs: number };
  mutate: { outboxId: Id };
  'outbox.list': { entries: OutboxEntry[] };
}

export type ApiArgsOf<N extends ApiName> = z.input<(typeof ApiArgs)[N]>;
export type ApiParsedArgsOf<N extends ApiName> = z.output<(typeof ApiArgs)[N]>;
export type ApiResultOf<N extends ApiName> = ApiResults[N];

/** Events the core pushes to every connected console. */
export interface ApiEvents {
  'db-changed': { tables: string[]; conversationIds: Id[] };
  /** Desktop only: the core process crashed and is being restarted, or is back. */
  'core-status': { state: 'restarting' | 'ready'; message: string };
}
export type ApiEventName = keyof ApiEvents;

/** What the renderer sees as `window.outpost`, whichever transport carries it. */
export interface OutpostApi {
  call<N extends ApiName>(name: N, args: ApiArgsOf<N>): Promise<ApiResultOf<N>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}
