import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { mailboxKey, type MailboxState } from '../../src-server/channels/email/account';
import { HUB_DB_FILE } from '../../src-server/store/sqlite-store';
import type { MessageRow } from '../../src-shared/sync/rows';
import { tempDir } from '../support/console-process';
import { testMessage } from '../support/dovecot';
import { hubCommand, startHubProcess, type HubProcess } from '../support/hub-process';
import { emailFixtures } from './email-fixtures';

const env = emailFixtures();
const TOTAL = 600;
const running: HubProcess[] = [];
afterAll(async () => {
  for (const h of running) await h.kill9();
});

/** The hub's SQLite file, read from outside while its process writes (WAL). */
function readHub(dir: string) {
  const db = new Database(path.join(dir, HUB_DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const doc = db.prepare('SELECT value FROM connector_doc WHERE key = ?').get(mailboxKey('1', 'INBOX')) as { value: string } | undefined;
    const messages = (db.prepare("SELECT data FROM entity WHERE kind = 'message' AND deleted = 0").all() as { data: string }[]).map((r) => JSON.parse(r.data) as MessageRow);
    return { state: doc ? (JSON.parse(doc.value) as MailboxState) : null, messages };
  } finally {
    db.close();
  }
}

/** Bodies Dovecot handed out to `user` over sessions that ended (its logout line counts them). */
const bodiesFetched = (user: string) => [...env.dovecot.log().matchAll(new RegExp(`imap\\(${user}\\).*?body_count=(\\d+)`, 'g'))].reduce((n, m) => n + Number(m[1]), 0);

describe('a hub killed in the middle of an initial sync', () => {
  it('resumes where its last committed batch stopped: every mail exactly once, the rest not fetched again', async () => {
    const dir = tempDir('email-crash');
    const { name, password } = env.user();
    const body = 'The parcel never arrived and the tracking page has not moved for a week. '.repeat(60);
    await env.dovecot.append(name, password, 'INBOX', Array.from({ length: TOTAL }, (_, i) => testMessage(i + 1, { body })));
    hubCommand({ dataDir: dir }, ['mail', 'add', '--host', '127.0.0.1', '--port', String(env.dovecot.imapPort), '--security', 'none', '--user', name, '--password-stdin', '--from', 'support@shop.example'], `${password}\n`);

    const first = await startHubProcess({ dataDir: dir });
    running.push(first);
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) {
      const { state } = readHub(dir);
      if (state && state.fetched >= 100) {
        await first.kill9();
        break;
      }
    }
    const atKill = readHub(dir).state;
    expect(atKill, 'the first hub committed progress before it was killed').not.toBeNull();
    const committed = atKill!.fetched;
    expect(committed, 'killed half-way, not after the end').toBeLessThan(TOTAL);
    expect(readHub(dir).messages).toHaveLength(committed);
    const bodiesBefore = bodiesFetched(name); // the killed session's line: Dovecot logs it when the socket drops

    const second = await startHubProcess({ dataDir: dir });
    running.push(second);
    for (const end = Date.now() + 60_000; Date.now() < end && readHub(dir).state!.backfillBelow > 1; ) await new Promise((r) => setTimeout(r, 50));
    await second.stop(); // logs out: Dovecot writes what this session fetched
    await new Promise((r) => setTimeout(r, 200));

    const { state, messages } = readHub(dir);
    expect(state).toMatchObject({ backfillBelow: 1, fetched: TOTAL, backlog: 0, skipped: [] });
    expect(messages).toHaveLength(TOTAL);
    expect(new Set(messages.map((m) => m.externalId)).size).toBe(TOTAL);
    // The second hub fetched only what the first had not committed: it resumed, it did not start over.
    expect(bodiesFetched(name) - bodiesBefore).toBe(TOTAL - committed);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
