import type { SelectedConversation } from '../../src-shared/api';
import type { ConversationStatus } from '../../src-shared/domain';
import { canTransition } from '../../src-shared/mutators';
import type { BatchMutation } from './bulkStore';

const SNOOZE_MS = 24 * 60 * 60 * 1000;

/**
 * Each bulk action as a batch and its inverse. Inverses carry compare-and-set expectations
 * (expectedFrom / expectedAssignee), so an undo never overwrites a change someone made since.
 */
export function statusBatch(items: SelectedConversation[], to: ConversationStatus) {
  const from = new Map(items.map((i) => [i.id, i.status]));
  const snoozedUntil = to === 'snoozed' ? Date.now() + SNOOZE_MS : undefined;
  const mutations: BatchMutation[] = items.map((i) => ({ name: 'setStatus', args: { conversationId: i.id, to, snoozedUntil } }));
  const inverse = (applied: BatchMutation[]): BatchMutation[] =>
    applied.flatMap((m) => {
      const id = (m.args as { conversationId: number }).conversationId;
      const before = from.get(id);
      // Snoozing back needs a time we no longer have; closing is final: those stay as they are.
      if (!before || before === to || before === 'snoozed' || !canTransition(to, before)) return [];
      return [{ name: 'setStatus', args: { conversationId: id, to: before, expectedFrom: to } }];
    });
  return { mutations, inverse };
}

export function assignBatch(items: SelectedConversation[], to: number | null) {
  const before = new Map(items.map((i) => [i.id, i.assigneeId]));
  const mutations: BatchMutation[] = items.map((i) => ({ name: 'assign', args: { conversationId: i.id, to } }));
  const inverse = (applied: BatchMutation[]): BatchMutation[] =>
    applied.map((m) => {
      const id = (m.args as { conversationId: number }).conversationId;
      return { name: 'assign', args: { conversationId: id, to: before.get(id) ?? null, expectedAssignee: to } };
    });
  return { mutations, inverse };
}

export function tagBatch(items: SelectedConversation[], tag: string, op: 'addTag' | 'removeTag') {
  const opposite = op === 'addTag' ? 'removeTag' : 'addTag';
  const mutations: BatchMutation[] = items.map((i) => ({ name: op, args: { conversationId: i.id, tag } }));
  const inverse = (applied: BatchMutation[]): BatchMutation[] => applied.map((m) => ({ name: opposite, args: m.args as { conversationId: number; tag: string } }));
  return { mutations, inverse };
}

/** Statuses at least one selected conversation may move to. */
export function reachableStatuses(items: SelectedConversation[], all: readonly ConversationStatus[]): ConversationStatus[] {
  return all.filter((to) => items.some((i) => i.status !== to && canTransition(i.status, to)));
}
