import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationQueries } from '../../src-main/core/conversations/queries';
import { openReplica, type ReplicaDb } from '../../src-main/core/db/open';
import { createReplicaTx } from '../../src-main/core/mutations/replica-tx';
import { createNotificationStore } from '../../src-main/core/notifications/store';
import { createEntityStatements, type EntityStatements } from '../../src-main/core/sync/entity-tables';
import type { HubStore } from '../../src-server/store/contract';
import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { createHubMutations } from '../../src-server/sync/hub-mutator-tx';
import { MutationRejected, runMutation, type MutationName } from '../../src-shared/mutators';
import { createIdAllocator, mutationEntityId } from '../../src-shared/sync/ids';
import { ENTITY_KINDS, toEntity, type Entity, type EntityKind } from '../../src-shared/sync/rows';
import { repoRoot, tempDir } from '../support/console-process';
import { conversationRow, messageRow } from './store-rows';

/**
 * The hub runs the same mutators as the desktop over another MutatorTx. If the two left
 * different rows (an id, a column, a JSON spelling), replicas would silently diverge from the
 * hub. So: one script of mutations, run step by step on a real replica (src-main's replica tx,
 * the one the desktop uses) and on the hub's tx over a real store, from the same starting rows;
 * after every step both sides must agree on the outcome and on every synced row.
 */

const CLIENT_NO = 5;
const NOW = Date.UTC(2026, 10, 24, 9);
const [INES, KAI, SAM, OLLY] = [7, 8, 9, 10];
const ATTACHMENT = Buffer.from('%PDF-1.4 label');
const ATTACHMENT_HASH = createHash('sha256').update(ATTACHMENT).digest('hex');

function startingRows(): Entity[] {
  const agent = (id: number, name: string, role: 'agent' | 'supervisor' | 'onboarding') => toEntity('agent', { id, name, email: `${name.split(' ')[0]!.toLowerCase()}@team.test`, role, createdAt: 1 });
  return [
    toEntity('workspace', { id: 1, name: 'Parity', timezone: 'UTC', createdAt: 1 }),
    agent(INES, 'Ines Agent', 'agent'),
    agent(KAI, 'Kai Colleague', 'agent'),
    agent(SAM, 'Sam Super', 'supervisor'),
    agent(OLLY, 'Olly Newcomer', 'onboarding'),
    toEntity('customer', { id: 1, name: 'Grace', createdAt: 1 }),
    toEntity('customer', { id: 2, name: 'Henry', createdAt: 1 }),
    toEntity('customer_identity', { id: 1, customerId: 1, kind: 'email', value: 'grace@example.test' }),
    toEntity('conversation', conversationRow(11, { category: 'shipping_status', messageCount: 2, preview: 'message 102', lastActivityAt: NOW - 10_000 })),
    toEntity('conversation', conversationRow(12, { channel: 'whatsapp', category: 'billing', messageCount: 1, preview: 'message 103' })),
    toEntity('conversation', conversationRow(13, { status: 'solved', resolvedAt: NOW - 50_000, category: 'billing', messageCount: 1 })),
    toEntity('conversation', conversationRow(14, { customerId: 2, category: 'other', messageCount: 1 })),
    toEntity('conversation', conversationRow(15, { channel: 'chat', category: 'other', status: 'snoozed', snoozedUntilReply: true, messageCount: 1 })),
    toEntity('conversation_tag', { conversationId: 11, tag: 'vip' }),
    toEntity('conversation_tag', { conversationId: 11, tag: 'étiquette' }),
    toEntity('conversation_tag', { conversationId: 11, tag: 'zebra' }),
    // Two messages at the same instant: "newest" is then decided by id on both sides.
    toEntity('message', { ...messageRow(101, 11), createdAt: NOW - 20_000 }),
    toEntity('message', { ...messageRow(102, 11), createdAt: NOW - 20_000 }),
    toEntity('message', { ...messageRow(103, 12), channel: 'whatsapp' }),
    toEntity('message', messageRow(104, 13)),
    toEntity('message', messageRow(105, 14)),
    toEntity('message', { ...messageRow(106, 15), channel: 'chat' }),
    // A reply the SMTP server refused (Retry).
    toEntity('message', { ...messageRow(107, 14), direction: 'outbound', authorAgentId: INES, externalId: '<outpost.107@shop.test>', deliveryStatus: 'failed', deliveryError: '550 5.1.1 User unknown' }),
    toEntity('note', { id: randomUUID(), conversationId: 12, authorId: KAI, kind: 'note', body: 'Customer called', mentionsJson: '[]', createdAt: NOW - 5_000 }),
    toEntity('macro', { id: 201, name: 'Where is my Order', body: 'Hi {{customer.firstName}}', actionsJson: '[]', scope: 'shared', ownerId: null, usageCount: 3 }),
    toEntity('macro', { id: 202, name: 'My sign-off', body: 'Cheers', actionsJson: '[]', scope: 'personal', ownerId: INES, usageCount: 0 }),
  ];
}

interface Step {
  actor: number;
  name: MutationName;
  args: unknown;
  /** 'ok', or the rejection code both sides must give. */
  expect: 'ok' | MutationRejected['code'];
}

const id = (mutationId: number, k = 0) => mutationEntityId(CLIENT_NO, mutationId, k);
const NOTE = Array.from({ length: 10 }, () => randomUUID());

/** The script; mutation ids are the step numbers (1-based). */
const STEPS: Step[] = [
  /* 1 */ { actor: INES, name: 'addTag', args: { conversationId: 11, tag: 'Gift' }, expect: 'ok' },
  /* 2 */ { actor: INES, name: 'addTag', args: { conversationId: 11, tag: 'vip' }, expect: 'ok' },
  /* 3 */ { actor: INES, name: 'removeTag', args: { conversationId: 11, tag: 'absent' }, expect: 'ok' },
  /* 4 */ { actor: INES, name: 'setPriority', args: { conversationId: 11, priority: 'high' }, expect: 'ok' },
  /* 5 */ { actor: INES, name: 'setCategory', args: { conversationId: 12, category: 'returns_exchanges' }, expect: 'ok' },
  /* 6 */ { actor: INES, name: 'assign', args: { conversationId: 11, to: KAI, expectedAssignee: null, handoverNote: { id: NOTE[0], body: 'Over to you' }, priority: 'urgent' }, expect: 'ok' },
  /* 7 */ { actor: INES, name: 'addNote', args: { id: NOTE[1], conversationId: 12, body: 'Team, look', mentions: [KAI, SAM, INES, 999] }, expect: 'ok' },
  /* 8 */ { actor: INES, name: 'reply', args: { conversationId: 11, text: '**Good news**: it [ships](https://example.test)', html: '<p><strong>Good news</strong></p>', thenStatus: 'pending' }, expect: 'ok' },
  /* 9 */ { actor: INES, name: 'reply', args: { conversationId: 12, text: 'Label attached', attachments: [{ filename: 'label.pdf', mimeType: 'application/pdf', size: ATTACHMENT.length, contentHash: ATTACHMENT_HASH }] }, expect: 'ok' },
  /* 10 */ { actor: INES, name: 'reply', args: { conversationId: 12, text: 'x', attachments: [{ filename: 'gone.pdf', mimeType: 'application/pdf', size: 1, contentHash: 'f'.repeat(64) }] }, expect: 'not_found' },
  /* 11 */ { actor: INES, name: 'setStatus', args: { conversationId: 11, to: 'snoozed', snoozedUntil: NOW + 11_500 }, expect: 'ok' },
  /* 12 */ { actor: INES, name: 'wake', args: { conversationId: 11, reason: 'time' }, expect: 'ok' },
  /* 13 */ { actor: INES, name: 'setStatus', args: { conversationId: 12, to: 'closed', expectedFrom: 'solved' }, expect: 'conflict' },
  /* 14 */ { actor: INES, name: 'split', args: { conversationId: 11, messageIds: [102, id(8)], reason: 'Second order', sourceNoteId: NOTE[2], targetNoteId: NOTE[3] }, expect: 'ok' },
  /* 15 */ { actor: INES, name: 'reply', args: { conversationId: id(14), text: 'About the second order' }, expect: 'ok' },
  /* 16 */ { actor: INES, name: 'merge', args: { sourceId: 12, targetId: 11, reason: 'Same parcel', noteId: NOTE[4] }, expect: 'ok' },
  /* 17 */ { actor: INES, name: 'merge', args: { sourceId: 14, targetId: 11, reason: 'x', noteId: NOTE[5] }, expect: 'invalid' },
  /* 18 */ { actor: INES, name: 'markSpam', args: { conversationId: 13 }, expect: 'ok' },
  /* 19 */ { actor: INES, name: 'unmarkSpam', args: { conversationId: 13, restoreStatus: 'solved' }, expect: 'ok' },
  /* 20 */ { actor: SAM, name: 'saveMacro', args: { name: 'Refund policy', body: 'Refunds take {{order.number}} days', actions: [{ type: 'addTag', tag: 'refund' }], scope: 'shared' }, expect: 'ok' },
  /* 21 */ { actor: INES, name: 'saveMacro', args: { id: 201, name: 'Where is my Order', body: 'changed', actions: [], scope: 'shared' }, expect: 'forbidden' },
  /* 22 */ { actor: INES, name: 'saveMacro', args: { name: 'where is my ORDER', body: 'Mine', actions: [{ type: 'assign', agentId: KAI }], scope: 'personal' }, expect: 'ok' },
  /* 23 */ { actor: SAM, name: 'saveMacro', args: { name: 'WHERE IS MY ORDER', body: 'dup', actions: [], scope: 'shared' }, expect: 'invalid' },
  /* 24 */ { actor: SAM, name: 'saveMacro', args: { id: id(20), name: 'Refund policy v2', body: 'Refunds', actions: [], scope: 'shared' }, expect: 'ok' },
  /* 25 */ { actor: INES, name: 'recordMacroUse', args: { id: 201, conversationId: 11 }, expect: 'ok' },
  /* 26 */ { actor: INES, name: 'deleteMacro', args: { id: 202 }, expect: 'ok' },
  /* 27 */ { actor: KAI, name: 'reply', args: { conversationId: 15, text: 'Kai here' }, expect: 'ok' },
  /* 28 */ { actor: INES, name: 'reply', args: { conversationId: 15, text: 'Ines here', afterMessageId: 106 }, expect: 'conflict' },
  /* 29 */ { actor: INES, name: 'wake', args: { conversationId: 15, reason: 'reply' }, expect: 'ok' },
  /* 30 */ { actor: OLLY, name: 'assign', args: { conversationId: 15, to: OLLY, handoverNote: { id: NOTE[6], body: 'Taking it' } }, expect: 'ok' },
  /* 31 */ { actor: INES, name: 'assign', args: { conversationId: 15, to: INES, expectedAssignee: KAI }, expect: 'conflict' },
  /* 32 */ { actor: INES, name: 'reply', args: { conversationId: 12, text: 'closed now' }, expect: 'invalid_transition' },
  /* 33 */ { actor: INES, name: 'retrySend', args: { messageId: 107 }, expect: 'ok' },
  /* 34 */ { actor: INES, name: 'retrySend', args: { messageId: 107 }, expect: 'invalid_transition' },
  /* 35 */ { actor: INES, name: 'retrySend', args: { messageId: 105 }, expect: 'invalid' },
];

type Outcome = 'ok' | { code: string; message: string };
const outcomeOf = (e: unknown): Outcome => {
  if (e instanceof MutationRejected) return { code: e.code, message: e.message };
  throw e;
};

describe('the hub mutator tx leaves the same rows as the desktop replica tx', () => {
  let db: ReplicaDb;
  let rows: EntityStatements;
  let store: HubStore;

  beforeAll(async () => {
    db = openReplica(tempDir('parity-replica'), path.join(repoRoot, 'src-main/core/db/migrations')).db;
    rows = createEntityStatements(db.$client);
    const start = startingRows();
    db.transaction(() => {
      for (const kind of ENTITY_KINDS) for (const e of start.filter((x) => x.kind === kind)) rows.upsertSynced(kind, e.data as unknown as Record<string, unknown>);
      db.$client.prepare('INSERT INTO attachment_blob (content_hash, size, mime_type, path) VALUES (?, ?, ?, ?)').run(ATTACHMENT_HASH, ATTACHMENT.length, 'application/pdf', 'attachments/x');
    });
    store = await openSqliteStore(tempDir('parity-hub'));
    await store.importEntities([start]);
    await store.blobs.put(ATTACHMENT_HASH, 'application/pdf', ATTACHMENT);
  });
  afterAll(async () => {
    db?.$client.close();
    await store?.close();
  });

  function onDesktop(step: Step, mutationId: number, now: number): Outcome {
    const deps = { conversations: createConversationQueries(db), notifications: createNotificationStore(db) };
    try {
      db.transaction(() => runMutation(createReplicaTx(db, deps, step.actor, now, new Set(), createIdAllocator(CLIENT_NO, mutationId)), step.name, step.args));
      return 'ok';
    } catch (e) {
      return outcomeOf(e);
    }
  }

  async function onHub(step: Step, mutationId: number, now: number): Promise<Outcome> {
    return store.write(async (tx) => {
      const mutations = createHubMutations(tx, store.blobs);
      const outcome = await mutations.apply(step.name, step.args, { actorId: step.actor, clientId: 'parity', clientNo: CLIENT_NO, mutationId, now });
      await mutations.flush();
      return outcome.ok ? 'ok' : { code: outcome.rejection.code, message: outcome.rejection.message };
    });
  }

  async function allRows(): Promise<{ desktop: Record<string, unknown[]>; hub: Record<string, unknown[]> }> {
    const desktop: Record<string, unknown[]> = {};
    const hub: Record<string, unknown[]> = {};
    const byKey = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
    for (const kind of ENTITY_KINDS as readonly EntityKind[]) {
      desktop[kind] = [...rows.scan(kind)].flat().sort(byKey);
      hub[kind] = (await store.scanKind(kind, '', 100_000)).map((e) => e.data).sort(byKey);
    }
    return { desktop, hub };
  }

  it('starts from the same rows', async () => {
    const { desktop, hub } = await allRows();
    expect(hub).toEqual(desktop);
  });

  STEPS.forEach((step, i) => {
    const mutationId = i + 1;
    it(`step ${mutationId}: ${step.name} → ${step.expect}`, async () => {
      const now = NOW + mutationId * 1_000;
      const desktop = onDesktop(step, mutationId, now);
      const hub = await onHub(step, mutationId, now);
      expect(hub).toEqual(desktop);
      expect(desktop === 'ok' ? 'ok' : desktop.code).toBe(step.expect);
      const state = await allRows();
      expect(state.hub).toEqual(state.desktop);
    });
  });

  it('covered what it means to: new conversations, messages, macros and notifications were created', async () => {
    const { hub } = await allRows();
    const ids = (kind: string) => (hub[kind] as { id: number }[]).map((r) => r.id);
    expect(ids('conversation')).toContain(id(14));
    expect(ids('message')).toEqual(expect.arrayContaining([id(8), id(9), id(15), id(27)]));
    expect(ids('macro')).toEqual(expect.arrayContaining([id(20), id(22)]));
    // Step 7 mentioned Kai, Sam, Ines herself and an unknown agent: ids 0 and 1 written, 2 taken by nobody (999).
    expect(ids('notification')).toEqual(expect.arrayContaining([id(6), id(7, 0), id(7, 1)]));
    expect(ids('notification')).not.toContain(id(7, 2));
    expect((hub.conversation as { id: number; mergedIntoId: number | null }[]).find((c) => c.id === 12)?.mergedIntoId).toBe(11);
  });
});
