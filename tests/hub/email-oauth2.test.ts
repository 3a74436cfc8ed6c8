import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { healthKey, type AccountHealthDoc, type EmailAccount } from '../../src-server/channels/email/account';
import { syncAccountOnce } from '../../src-server/channels/email/imap/account-sync';
import { buildRaw, sendRaw } from '../../src-server/channels/email/outbound/smtp-send';
import { startMailRunner } from '../../src-server/channels/email/runner';
import type { HubStore } from '../../src-server/store/contract';
import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { tempDir } from '../support/console-process';
import { startDovecot, testMessage, type Dovecot } from '../support/dovecot';
import { hubCommand } from '../support/hub-process';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * OAuth2 sign-in against the real Dovecot: its oauth2 passdb asks a token introspection endpoint
 * (RFC 7662, served here) about every token the hub presents.
 */
const USER = 'oauthshop';
const tokens = new Map<string, { active: boolean; username?: string }>([
  ['ya29.good-token', { active: true, username: USER }],
  ['ya29.expired-token', { active: false }],
]);
const asked: string[] = [];
let introspection: http.Server;
let dovecot: Dovecot;
let sink: SmtpSink;
const stores: { store: HubStore; dir: string }[] = [];

beforeAll(async () => {
  introspection = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const token = new URLSearchParams(body).get('token') ?? '';
      asked.push(token);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(tokens.get(token) ?? { active: false }));
    });
  });
  await new Promise<void>((resolve) => introspection.listen(0, '127.0.0.1', resolve));
  dovecot = await startDovecot({ oauth2IntrospectionUrl: `http://127.0.0.1:${(introspection.address() as AddressInfo).port}/introspect` });
  dovecot.addUser(USER, 'a password not used here');
  await dovecot.append(USER, 'a password not used here', 'INBOX', [testMessage(1), testMessage(2)]);
  sink = await startSmtpSink();
  sink.refuseTokens.add('ya29.expired-token');
});
afterAll(async () => {
  await sink?.close();
  await dovecot?.stop();
  await new Promise((r) => introspection?.close(r));
});
afterEach(async () => {
  for (const { store, dir } of stores.splice(0)) {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function freshStore(): Promise<HubStore> {
  return (await freshHubDir()).store;
}
async function freshHubDir(): Promise<{ store: HubStore; dir: string }> {
  const dir = tempDir('email-oauth2');
  const store = await openSqliteStore(dir);
  stores.push({ store, dir });
  return { store, dir };
}

const account = (accessToken: string): EmailAccount => ({
  id: 'oauth',
  host: '127.0.0.1',
  port: dovecot.imapPort,
  security: 'none',
  user: USER,
  auth: { kind: 'oauth2', accessToken },
  folders: ['INBOX'],
  sentFolder: null,
  smtp: null,
  fromAddress: 'support@shop.example',
  fromName: 'Support',
  disabled: false,
  createdAt: 1,
});

describe('OAuth2 access tokens (Dovecot oauth2 passdb)', () => {
  it('a valid token signs in and syncs', async () => {
    const store = await freshStore();
    asked.length = 0;
    expect(await syncAccountOnce(store, account('ya29.good-token'))).toMatchObject({ fetched: 2, newConversations: 2, errors: 0, failure: null });
    expect(asked).toEqual(['ya29.good-token']); // the server really checked the token
  });

  it('an expired token is a clear auth error in health, never printed, not retried in a storm; `mail secret` with a fresh one resumes at once', async () => {
    const { store, dir } = await freshHubDir();
    const bad = account('ya29.expired-token');
    const r = await syncAccountOnce(store, bad);
    expect(r.failure).toEqual({ auth: true, reason: expect.stringContaining(`IMAP login to 127.0.0.1:${dovecot.imapPort} as ${USER} was refused: check the OAuth2 access token (it may have expired).`) });
    expect(r.failure!.reason).not.toContain('ya29');

    // The runner tries once, says why, and waits (authRetryMs, 15 minutes by default) instead of hammering the server.
    await store.connectors.put('email/account/oauth', bad);
    asked.length = 0;
    const runner = startMailRunner({ store, accountsPollMs: 100, backoffMinMs: 10, backoffMaxMs: 50 });
    try {
      // The runner's own refusal (Dovecot answers a failed login after about 2 s), then some of the time it could have retried in.
      const refusedAt = async () => {
        const h = await store.connectors.get<AccountHealthDoc>(healthKey('oauth'));
        return h?.state === 'error' && h.error!.at > started ? h.error!.at : null;
      };
      const started = Date.now();
      for (const end = Date.now() + 10_000; (await refusedAt()) === null && Date.now() < end; ) await new Promise((res) => setTimeout(res, 50));
      expect(await refusedAt()).not.toBeNull();
      await new Promise((res) => setTimeout(res, 1_500));
      expect(await store.connectors.get<AccountHealthDoc>(healthKey('oauth'))).toMatchObject({ state: 'error', error: { reason: r.failure!.reason } });
      expect(asked).toEqual(['ya29.expired-token']);

      // A token refresher (or an admin) hands the hub a new token: the runner signs in again without waiting out the 15 minutes.
      expect(hubCommand({ dataDir: dir }, ['mail', 'secret', '--account', 'oauth', '--oauth2-token-stdin'], 'ya29.good-token\n')).toBe('Mail account oauth now signs in with an OAuth2 access token.\n');
      for (const end = Date.now() + 10_000; (await store.connectors.get<AccountHealthDoc>(healthKey('oauth')))?.state !== 'connected' && Date.now() < end; ) await new Promise((res) => setTimeout(res, 50));
      expect(await store.connectors.get<AccountHealthDoc>(healthKey('oauth'))).toMatchObject({ state: 'connected', error: null });
      expect(asked).toEqual(['ya29.expired-token', 'ya29.good-token']);
    } finally {
      await runner.close();
    }
  });
});

describe('OAuth2 access tokens over SMTP (XOAUTH2)', () => {
  const server = (accessToken: string) => ({ host: '127.0.0.1', port: sink.port, security: 'none' as const, user: USER, auth: { kind: 'oauth2' as const, accessToken } });
  const envelope = { from: 'support@shop.example', to: ['grace@example.test'] };

  it('sends with the token, and says which credential to check when it is refused', async () => {
    const raw = await buildRaw({ from: 'support@shop.example', to: 'grace@example.test', subject: 'Re: Order', text: 'On its way.', messageId: '<oauth-smtp-1@shop.example>' });
    expect(await sendRaw(server('ya29.good-token'), envelope, raw)).toEqual({ kind: 'sent' });
    expect(sink.auths.at(-1)).toEqual({ method: 'XOAUTH2', username: USER, accessToken: 'ya29.good-token' });

    const refused = await sendRaw(server('ya29.expired-token'), envelope, raw);
    expect(refused).toEqual({ kind: 'transient', reason: expect.stringMatching(/^SMTP login refused: check the account's OAuth2 access token \(it may have expired\)/) });
    expect(sink.received.filter((m) => m.raw.toString('utf8').includes('oauth-smtp-1'))).toHaveLength(1);
  });
});
