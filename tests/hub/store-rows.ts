import { toEntity, type AgentRow, type ConversationRow, type Entity, type MacroRow, type MessageRow, type NoteRow } from '../../src-shared/sync/rows';

/** Synced rows for store tests: complete rows of the real shapes, made into entities with toEntity. */

export function conversationRow(id: number, patch: Partial<ConversationRow> = {}): ConversationRow {
  return {
    id,
    customerId: 1,
    channel: 'email',
    subject: `Order question ${id}`,
    status: 'open',
    priority: 'normal',
    category: 'order_status',
    assigneeId: null,
    snoozedUntil: null,
    slaFirstResponseDueAt: null,
    slaResolutionDueAt: null,
    firstResponseAt: null,
    resolvedAt: null,
    createdAt: 1_700_000_000_000,
    lastActivityAt: 1_700_000_000_000,
    messageCount: 0,
    preview: '',
    mergedIntoId: null,
    snoozedUntilReply: false,
    ...patch,
  };
}

export function messageRow(id: number, conversationId: number, text = `message ${id}`): MessageRow {
  return {
    id,
    conversationId,
    direction: 'inbound',
    channel: 'email',
    authorAgentId: null,
    text,
    html: null,
    attachmentsJson: '[]',
    externalId: null,
    deliveryStatus: 'delivered',
    createdAt: 1_700_000_000_000 + id,
    threadReason: null,
    deliveryError: null,
    autoKind: null,
    mailboxFlagsJson: null,
    mailboxRemovedAt: null,
  };
}

export function noteRow(id: string, conversationId: number): NoteRow {
  return { id, conversationId, authorId: 1, kind: 'note', body: `note ${id}`, mentionsJson: '[]', createdAt: 1_700_000_000_000 };
}

export function macroRow(id: number, usageCount = 0): MacroRow {
  return { id, name: `Macro ${id}`, body: 'Hello {{customer.name}}', actionsJson: '[]', scope: 'shared', ownerId: null, usageCount };
}

export function agentRow(id: number): AgentRow {
  return { id, name: `Agent ${id}`, email: `agent${id}@example.test`, role: 'agent', createdAt: 1_700_000_000_000 };
}

export const conversation = (id: number, patch?: Partial<ConversationRow>): Entity => toEntity('conversation', conversationRow(id, patch));
export const message = (id: number, conversationId: number, text?: string): Entity => toEntity('message', messageRow(id, conversationId, text));
export const note = (id: string, conversationId: number): Entity => toEntity('note', noteRow(id, conversationId));
export const macro = (id: number, usageCount?: number): Entity => toEntity('macro', macroRow(id, usageCount));
export const agent = (id: number): Entity => toEntity('agent', agentRow(id));

/** A conversation with `messages` messages, as import batches. */
export function* conversationBatches(conversations: number, messagesEach: number, batchSize = 1000): Generator<Entity[]> {
  let batch: Entity[] = [];
  for (let c = 1; c <= conversations; c++) {
    batch.push(conversation(c));
    for (let m = 0; m < messagesEach; m++) batch.push(message(c * 100 + m, c));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
