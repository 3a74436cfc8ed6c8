import type { AgentRole, Conversation, ConversationStatus, DeliveryStatus, Id, Macro, Message, Note } from '../domain';

/**
 * What a mutator may read and write. The desktop core implements it over SQLite, the hub over
 * its store; mutators stay pure so both run exactly the same rules.
 */
export interface MutatorTx {
  readonly now: number;
  readonly actorId: Id;
  getConversation(id: Id): Conversation | undefined;
  updateConversation(id: Id, patch: Partial<Omit<Conversation, 'id' | 'tags'>>): void;
  addTag(conversationId: Id, tag: string): void;
  removeTag(conversationId: Id, tag: string): void;
  insertNote(note: Note): void;
  hasNote(id: string): boolean;
  /** Whether an attachment body with this content hash is stored. */
  hasAttachment(contentHash: string): boolean;
  insertMessage(message: Omit<Message, 'id'>): Id;
  listMessages(conversationId: Id): Message[];
  getMessage(id: Id): Message | undefined;
  /** A send's outcome as the console shows it; the hub's outbound queue writes the same columns. */
  updateMessageDelivery(id: Id, patch: { deliveryStatus: DeliveryStatus; deliveryError: string | null }): void;
  moveMessages(messageIds: Id[], toConversationId: Id): void;
  insertConversation(conversation: Omit<Conversation, 'id' | 'tags'>): Id;
  /** Something an agent should look at; the hub delivers it to that agent's desktops. */
  notify(n: { agentId: Id; kind: 'mention' | 'assignment'; conversationId: Id; noteId: string | null }): void;
  audit(action: string, entityType: string, entityId: string, data: Record<string, unknown>): void;
  getAgentRole(id: Id): AgentRole | undefined;
  /** For messages a person reads ("Maya replied while you were offline"); optional so older implementations still compile. */
  getAgentName?(id: Id): string | undefined;
  getMacro(id: Id): Macro | undefined;
  /** The macro of that name (case-insensitive) among the shared ones, or among `ownerId`'s personal ones. */
  findMacroByName(name: string, scope: Macro['scope'], ownerId: Id | null): Macro | undefined;
  insertMacro(macro: Omit<Macro, 'id' | 'usageCount'>): Id;
  updateMacro(id: Id, patch: Partial<Omit<Macro, 'id' | 'usageCount'>>): void;
  deleteMacro(id: Id): void;
  incrementMacroUsage(id: Id): void;
  /** Merge: re-home every message and note of one conversation onto another. */
  moveThread(fromConversationId: Id, toConversationId: Id): void;
  /** What the inbox row shows of a thread, recomputed after a merge. */
  threadSummary(conversationId: Id): ThreadSummary;
}

export interface ThreadSummary {
  messageCount: number;
  /** Newest message or note; null for an empty thread. */
  lastAt: number | null;
  /** The newest message's text, cut to a preview. */
  preview: string;
}

/** A mutation the rules refuse. It is recorded, never thrown past the queue. */
export class MutationRejected extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid_transition' | 'invalid' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'MutationRejected';
  }
}

export type StatusTransitions = Record<ConversationStatus, readonly ConversationStatus[]>;
