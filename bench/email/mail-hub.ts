import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { MailHealth } from '../../src-shared/sync/mail-health';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { request, VERSIONS } from '../../tests/hub/server-client';
import { startCore, type Core } from '../../src-main/core/core';
import { tempDir } from '../../tests/support/console-process';
import { waitFor } from '../../tests/support/desktop-core';
import type { Dovecot } from '../../tests/support/dovecot';
import { hubCommand, startHubProcess, type HubProcess } from '../../tests/support/hub-process';
import { createTestDatabase, type PostgresCluster } from '../../tests/support/postgres';
import { latency, type Latency } from '../lib/stats';
import { BENCH_PASSWORD, sampleRss, type Backend } from '../sync/hub-fixture';
import { mailCorpus } from './mail-corpus';

const AGENT_EMAIL = 'agent@shop.example';

export interface InitialSyncResult {
  messages: number;
  conversations: number;
  customers: number;
  /** From starting the hub (with the mailbox already added) until the desktop replica holds every message. */
  seconds: number;
  messagesPerSec: number;
  /** Until the hub's health says every message is fetched and filed (the hub's own share of the time). */
  hubIngestSeconds: number;
  /** Until the desktop shows its first email (backfill goes newest first). */
  firstMessageSeconds: number;
  hubPeakRssMB: number;
  /** CPU the hub process used (user + system) until the desktop held everything: near `seconds` means the hub is CPU-bound. */
  hubCpuSeconds: number;
}

/** A hub process of `backend` with one admin and `user`'s mailbox added (by the CLI, as an admin does), and a desktop core signed in to it. */
export interface MailHub {
  process: HubProcess;
  desktop: Core;
  initialSync: InitialSyncResult;
  stop(): Promise<void>;
}

const countEmails = (core: Core) => core.db.$client.prepare("SELECT count(*) FROM message WHERE channel = 'email' AND direction = 'inbound'").pluck().get() as number;

export async function startMailHub(backend: Backend, cluster: PostgresCluster | null, dovecot: Dovecot, user: string, password: string, expected: number): Promise<MailHub> {
  const dataDir = tempDir(`email-bench-hub-${backend}`);
  const databaseUrl = backend === 'postgres' ? (await createTestDatabase(cluster!.adminUrl)).url : undefined;
  const opts = { dataDir, ...(databaseUrl ? { databaseUrl } : {}) };
  hubCommand(opts, ['user', 'add', '--email', AGENT_EMAIL, '--name', 'Mail Agent', '--role', 'admin', '--password-stdin'], `${BENCH_PASSWORD}\n`);
  hubCommand(opts, ['mail', 'add', '--host', dovecot.host, '--port', String(dovecot.imapPort), '--security', 'none', '--user', user, '--from', 'support@shop.example', '--from-name', 'Shop Support', '--password-stdin'], `${password}\n`);

  const t0 = performance.now();
  const hub = await startHubProcess(opts);
  const rss = sampleRss(() => hub.rssBytes());
  let desktop: Core | null = null;
  try {
    desktop = await startCore({ dataDir: tempDir(`email-bench-desktop-${backend}`), teamHub: { hubUrl: hub.url, email: AGENT_EMAIL, password: BENCH_PASSWORD } });
    const d = desktop;
    let firstAt = 0;
    const hubDone = hubIngested(hub.url, expected);
    hubDone.catch(() => undefined); // awaited below, after the desktop has everything
    await waitFor(
      () => {
        const n = countEmails(d);
        if (n > 0 && firstAt === 0) firstAt = performance.now();
        if (n > expected) throw new Error(`the desktop holds ${n} emails, more than the ${expected} in the mailbox`);
        return n === expected;
      },
      3_600_000,
      `the desktop to hold all ${expected} emails`,
    );
    const seconds = (performance.now() - t0) / 1000;
    const count = (sql: string) => d.db.$client.prepare(sql).pluck().get() as number;
    const initialSync: InitialSyncResult = {
      messages: expected,
      conversations: count("SELECT count(*) FROM conversation WHERE channel = 'email'"),
      customers: count('SELECT count(*) FROM customer'),
      seconds: Math.round(seconds * 100) / 100,
      messagesPerSec: Math.round(expected / seconds),
      hubIngestSeconds: Math.round(((await hubDone) - t0) / 10) / 100,
      firstMessageSeconds: Math.round(((firstAt - t0) / 1000) * 100) / 100,
      hubPeakRssMB: rss.stop(),
      hubCpuSeconds: cpuSeconds(hub.child.pid!),
    };
    return {
      process: hub,
      desktop: d,
      initialSync,
      async stop() {
        await d.close();
        await hub.stop();
      },
    };
  } catch (e) {
    rss.stop();
    await desktop?.close();
    await hub.stop();
    throw new Error(`${(e as Error).message}\nhub stderr: ${hub.stderr().slice(-2_000)}`, { cause: e });
  }
}

/** User + system CPU of a process from /proc (Linux; clock ticks are 100 a second there). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** When the hub's `GET /mail/health` first shows all `expected` messages fetched and backfill done (polled as an agent). */
async function hubIngested(url: string, expected: number): Promise<number> {
  const login = await request<LoginResponse>(url, 'POST', '/auth/login', { ...VERSIONS, email: AGENT_EMAIL, password: BENCH_PASSWORD, clientId: randomUUID(), deviceName: 'email bench' });
  if (login.status !== 200) throw new Error(`the bench could not sign in to the hub: ${JSON.stringify(login.body)}`);
  for (const deadline = Date.now() + 3_600_000; Date.now() < deadline; ) {
    const { body } = await request<MailHealth>(url, 'GET', '/mail/health', undefined, login.body.token);
    const folder = body.accounts[0]?.folders[0];
    if (folder && folder.synced >= expected && !folder.backfilling) return performance.now();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the hub's mail health never showed all ${expected} messages fetched`);
}

/**
 * Arrival latency with the hub's mail runner idling: `samples` new messages delivered one at a
 * time over LMTP (as the MTA hands mail to Dovecot), each timed from the hand-off until the
 * desktop replica holds it (its Message-ID in the message table).
 */
export async function measureArrival(hub: MailHub, dovecot: Dovecot, user: string, samples: number, firstNumber: number): Promise<Latency> {
  const seen = hub.desktop.db.$client.prepare('SELECT 1 FROM message WHERE external_id = ?').pluck();
  const times: number[] = [];
  for (const m of mailCorpus(samples, 2, firstNumber)) {
    const t0 = performance.now();
    await dovecot.deliver(user, m.raw);
    const externalId = `<${m.messageId}>`;
    while (!seen.get(externalId)) {
      if (performance.now() - t0 > 60_000) throw new Error(`message ${m.messageId} did not reach the desktop within 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50)); // one at a time, as mail trickles in
  }
  return latency(times);
}
