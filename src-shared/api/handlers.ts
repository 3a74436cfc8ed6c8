import type { z } from 'zod';
import type { Id } from '../domain';
import { AppArgs, type AppResults } from './app';
import { ConversationArgs, type ConversationResults } from './conversations';
import { InboxArgs, type InboxResults } from './inbox';
import { MacroArgs, type MacroResults } from './macros';
import { MutationApiArgs, type MutationResults } from './mutations';
import { NotificationArgs, type NotificationResults } from './notifications';
import { SearchArgs, type SearchResults } from './search';
import { DraftArgs, type DraftResults } from './drafts';
import { AttachmentArgs, type AttachmentResults } from './attachments';
import { SyncApiArgs, type SyncApiEvents, type SyncApiResults } from './sync';
import { MailApiArgs, type MailApiResults } from './mail';

/**
 * The one typed API between the console and the core, merged from one map per domain (each
 * file beside this one). A handler's key names its argument schema, validated by the core on
 * every call, and its result type; both transports carry it.
 */
export const ApiArgs = { ...AppArgs, ...InboxArgs, ...ConversationArgs, ...SearchArgs, ...MutationApiArgs, ...MacroArgs, ...NotificationArgs, ...DraftArgs, ...AttachmentArgs, ...SyncApiArgs, ...MailApiArgs } as const;
export type ApiResults = AppResults & InboxResults & ConversationResults & SearchResults & MutationResults & MacroResults & NotificationResults & DraftResults & AttachmentResults & SyncApiResults & MailApiResults;

export type ApiName = keyof typeof ApiArgs;
export type ApiArgsOf<N extends ApiName> = z.input<(typeof ApiArgs)[N]>;
export type ApiParsedArgsOf<N extends ApiName> = z.output<(typeof ApiArgs)[N]>;
export type ApiResultOf<N extends ApiName> = ApiResults[N];

/** Events the core pushes to every connected console. */
export interface ApiEvents extends SyncApiEvents {
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
