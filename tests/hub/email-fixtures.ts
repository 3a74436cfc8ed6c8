import fs from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { EmailAccount } from '../../src-server/channels/email/account';
import { EMAIL_INGESTER, type Ingester } from '../../src-server/channels/email/imap/ingest-batch';
import type { HubStore } from '../../src-server/store/contract';
import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { tempDir } from '../support/console-process';
import { startDovecot, type Dovecot } from '../support/dovecot';

/** A Dovecot for this test file, and fresh hub stores closed after each test. */
export function emailFixtures() {
  const env = { dovecot: undefined as unknown as Dovecot };
  const stores: { store: HubStore; dir: string }[] = [];
  let users = 0;
  beforeAll(async () => {
    env.dovecot = await startDovecot();
  });
  afterAll(async () => {
    await env.dovecot?.stop();
  });
  afterEach(async () => {
    for (const { store, dir } of stores.splice(0)) {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  return {
    get dovecot() {
      return env.dovecot;
    },
    async store(): Promise<HubStore> {
      const dir = tempDir('email-hub');
      const store = await openSqliteStore(dir);
      stores.push({ store, dir });
      return store;
    },
    /** A new mailbox user and the account settings that reach it. */
    user(folders = ['INBOX']): { name: string; password: string; account: EmailAccount } {
      const name = `user${++users}`;
      const password = `pw-${users}`;
      env.dovecot.addUser(name, password);
      return {
        name,
        password,
        account: {
          id: name,
          host: '127.0.0.1',
          port: env.dovecot.imapPort,
          security: 'none',
          user: name,
          auth: { kind: 'password', password },
          folders,
          sentFolder: null,
          smtp: null,
          fromAddress: `${name}@example.test`,
          fromName: 'Support',
          disabled: false,
          createdAt: 1,
        },
      };
    },
  };
}

/**
 * The real ingest, with a record of what the engine handed it: which Message-IDs, how often, from
 * where. (Dedupe by Message-ID is the ingest's job; the engine's is to hand over each message of
 * the folder exactly once per UIDVALIDITY, and never lose one.)
 */
export function recordingIngest(): { ingester: Ingester; seen: { messageId: string; mailbox: string; uid: number }[]; times(id: string): number } {
  const seen: { messageId: string; mailbox: string; uid: number }[] = [];
  const ingester: Ingester = {
    prepare: async (raw, source) => {
      const messageId = /^Message-ID:\s*(\S+)/im.exec(raw.toString('utf8'))?.[1] ?? '';
      seen.push({ messageId, mailbox: source.mailbox, uid: source.uid });
      return EMAIL_INGESTER.prepare(raw, source);
    },
    ingest: EMAIL_INGESTER.ingest,
  };
  return { ingester, seen, times: (id) => seen.filter((s) => s.messageId === id).length };
}
