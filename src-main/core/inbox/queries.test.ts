import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxSort, InboxView } from '../../../src-shared/api';
import { startCore, type Core } from '../core';
import { createInboxQueries } from './queries';

let core: Core;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-plans-'));
  core = await startCore({ dataDir: dir, demoConversations: 300 });
});

afterAll(async () => {
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sorted = (plan: string[]) => plan.some((l) => l.includes('TEMP B-TREE'));

describe('inbox query plans', () => {
  it('walks an index, never sorts, for single-status views in every order', () => {
    const inbox = createInboxQueries(core.db, () => 1);
    const views: InboxView[] = [
      { kind: 'open' },
      { kind: 'unassigned' },
      { kind: 'status', status: 'pending' },
      { kind: 'channel', channel: 'email' },
      { kind: 'category', category: 'shipping_status' },
    ];
    const sorts: InboxSort[] = ['last_activity', 'sla_due', 'priority'];
    for (const view of views) {
      for (const sort of sorts) expect(sorted(inbox.explain({ view, sort, filters: {} })), `${view.kind} by ${sort}`).toBe(false);
    }
  });

  it('reads SLA at risk as a range of the SLA index', () => {
    const inbox = createInboxQueries(core.db, () => 1);
    const plan = inbox.explain({ view: { kind: 'sla_at_risk' }, sort: 'sla_due', filters: {} }).join('\n');
    expect(plan).toContain('conversation_status_sla (status=? AND sla_first_response_due_at>? AND sla_first_response_due_at<?)');
  });
});
