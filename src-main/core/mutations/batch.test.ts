import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../core';
import { createConversationQueries } from '../conversations/queries';
import { createReplicaSync } from '../sync/replica-sync';

let core: Core;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-batch-'));
  core = await startCore({ dataDir: dir, demoConversations: 200 });
});

afterAll(async () => {
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const idsWith = (status: string, n: number) =>
  core.db.$client.prepare('SELECT id FROM conversation WHERE status = ? ORDER BY id LIMIT ?').pluck().all(status, n) as number[];

describe('applyBatch', () => {
  it('applies the items around a forbidden transition and rolls back only that one', () => {
    const conversations = createConversationQueries(core.db);
    const mutations = createReplicaSync(core.db, conversations, () => 1).mutations;
    const [a, b] = idsWith('open', 2);
    const [closed] = idsWith('closed', 1);
    const outboxBefore = core.db.$client.prepare('SELECT count(*) FROM mutation_outbox').pluck().get() as number;

    const { results, conversationIds } = mutations.applyBatch(1, [
      { name: 'setStatus', args: { conversationId: a!, to: 'pending' } },
      { name: 'setStatus', args: { conversationId: closed!, to: 'open' } },
      { name: 'addTag', args: { conversationId: b!, tag: 'carrier-delay' } },
    ]);

    expect(results).toEqual([{ ok: true }, { ok: false, kind: 'invalid_transition', message: 'a closed conversation cannot become open' }, { ok: true }]);
    expect(conversations.getConversation(a!)?.status).toBe('pending');
    expect(conversations.getConversation(closed!)?.status).toBe('closed');
    expect(conversations.getConversation(b!)?.tags).toContain('carrier-delay');
    expect(core.db.$client.prepare('SELECT count(*) FROM mutation_outbox').pluck().get()).toBe(outboxBefore + 2);
    expect(conversationIds.sort()).toEqual([a, b].sort());
  });
});
