import type { Conversation, ConversationStatus, Id, Message, Note } from '../domain';

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
  insertMessage(message: Omit<Message, 'id'>): Id;
  audit(action: string, entityType: string, entityId: string, data: Record<string, unknown>): void;
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
    readonly code: 'not_found' | 'conflict' | 'invalid_transition' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'MutationRejected';
  }
}

export type StatusTransitions = Record<ConversationStatus, readonly ConversationStatus[]>;
