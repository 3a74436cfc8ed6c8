import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { disableUser, revokeSessions, setPassword } from '../../src-server/auth/users';
import type { HubInfo, LoginResponse } from '../../src-shared/sync/protocol';
import { request, VERSIONS, type ErrorAnswer } from './server-client';
import { HUB_STORES, PASSWORD, TEAM, useTestHub } from './server-fixtures';

const DAY = 24 * 60 * 60_000;

describe.each(HUB_STORES)('hub sign-in and sessions ($name)', (kind) => {
  const t = useTestHub(kind);
  const pullWith = (token: string, clientId: string) => request(t().url, 'POST', '/sync/pull', { ...VERSIONS, clientId, cursor: '', ackedMutationId: 0 }, token) as Promise<ErrorAnswer>;

  it('tells anyone its versions and workspace name', async () => {
    const info = await request<HubInfo>(t().url, 'GET', '/hub/info');
    expect(info).toEqual({ status: 200, body: { protocolVersion: VERSIONS.protocolVersion, schemaVersion: VERSIONS.schemaVersion, workspaceName: 'Northwind Test' } });
  });

  it('signs in with the right password: a token for this desktop, the agent, a client number', async () => {
    const d = t().desktop();
    const { status, body } = await d.login('INES@team.test', PASSWORD);
    expect(status).toBe(200);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body).toMatchObject({ agent: { id: t().ids.agent, name: 'Ines Agent', email: 'ines@team.test', role: 'agent' }, workspaceName: 'Northwind Test' });
    expect(body.clientNo).toBeGreaterThanOrEqual(1);
    expect(body.expiresAt).toBeGreaterThan(Date.now() + 29 * DAY);
    expect((await d.pull()).status).toBe(200);
    // The store keeps only the token's hash.
    expect(await t().store.sessions.find(body.token)).toBeUndefined();
  });

  it('refuses a wrong password and an unknown email with the same words', async () => {
    const wrong = await t().desktop().login(TEAM.colleague.email, 'not the password');
    const unknown = await t().desktop().login('nobody@team.test', PASSWORD);
    expect(wrong).toEqual({ status: 401, body: { error: { kind: 'unauthorized', message: 'Wrong email or password.' } } });
    expect(unknown).toEqual(wrong);
  });

  it('locks an email out after five failures in a row, known or not, and says for how long', async () => {
    for (const email of [TEAM.supervisor.email, 'ghost@team.test']) {
      for (let i = 0; i < 5; i++) expect((await t().desktop().login(email, `guess ${i}`)).status).toBe(401);
      const locked = await t().desktop().login(email, PASSWORD);
      expect(locked.status).toBe(401);
      expect(locked.body.error.message).toMatch(new RegExp(`^Too many failed sign-ins for ${email}; try again in \\d+ s\\.$`));
    }
    // Other emails are not affected.
    expect((await t().desktop().login(TEAM.admin.email, PASSWORD)).status).toBe(200);
  });

  it('refuses a missing, malformed or forged token with the reason', async () => {
    const d = await t().signedIn('agent');
    const forged = randomBytes(32).toString('base64url');
    expect((await request(t().url, 'POST', '/sync/pull', { ...VERSIONS, clientId: d.clientId, cursor: '', ackedMutationId: 0 })).body).toEqual({
      error: { kind: 'unauthorized', message: 'This request carries no session; sign in again.' },
    });
    expect((await pullWith('not-a-token', d.clientId)).body.error.message).toBe('The session token is malformed; sign in again.');
    const answer = await pullWith(forged, d.clientId);
    expect(answer.status).toBe(401);
    expect(answer.body.error.message).toMatch(/^This hub does not know that session/);
  });

  it('ends a session at logout, at session revoke and at a new password', async () => {
    const d = await t().signedIn('colleague');
    expect((await request(t().url, 'POST', '/auth/logout', undefined, d.token)).status).toBe(200);
    expect((await pullWith(d.token, d.clientId)).body).toEqual({ error: { kind: 'unauthorized', message: 'This session was signed out; sign in again.' } });

    const e = await t().signedIn('colleague');
    expect(await revokeSessions(t().store, TEAM.colleague.email)).toEqual({ revoked: 1 });
    expect((await pullWith(e.token, e.clientId)).status).toBe(401);

    const f = await t().signedIn('colleague');
    await setPassword(t().store, TEAM.colleague.email, 'a brand new passphrase');
    expect((await pullWith(f.token, f.clientId)).status).toBe(401);
    expect((await t().desktop().login(TEAM.colleague.email, PASSWORD)).status).toBe(401);
    await setPassword(t().store, TEAM.colleague.email, PASSWORD);
  });

  it('refuses an expired session', async () => {
    const d = await t().signedIn('agent');
    t().clock.offsetMs = 31 * DAY;
    try {
      const answer = await pullWith(d.token, d.clientId);
      expect(answer.status).toBe(401);
      expect(answer.body.error.message).toMatch(/^This session expired on \d{4}-\d\d-\d\dT.*; sign in again\.$/);
    } finally {
      t().clock.offsetMs = 0;
    }
  });

  it('signs out a disabled user everywhere and refuses their sign-in', async () => {
    const d = await t().signedIn('onboarding');
    expect(await disableUser(t().store, TEAM.onboarding.email)).toEqual({ revoked: 1 });
    expect((await pullWith(d.token, d.clientId)).status).toBe(401);
    expect((await t().desktop().login(TEAM.onboarding.email, PASSWORD)).body).toEqual({ error: { kind: 'unauthorized', message: 'This account is disabled; ask an admin of your hub.' } });
  });

  it('issues an in-process session for the embedded hub, bound to one desktop', async () => {
    const clientId = crypto.randomUUID();
    const session: LoginResponse = await t().hub.issueSession(t().ids.admin, clientId, 'embedded');
    expect(session.agent.role).toBe('admin');
    expect((await pullWith(session.token, clientId)).status).toBe(200);
    // The token speaks for its own desktop only.
    expect((await pullWith(session.token, crypto.randomUUID())).body.error).toEqual({ kind: 'forbidden', message: 'This session was made for another desktop; sign in again from this one.' });
  });

  it('answers an outdated desktop 426 with what to do, and a malformed sign-in 400', async () => {
    const body = { email: TEAM.agent.email, password: PASSWORD, clientId: crypto.randomUUID() };
    const old = await request(t().url, 'POST', '/auth/login', { ...body, protocolVersion: VERSIONS.protocolVersion + 1, schemaVersion: VERSIONS.schemaVersion }) as ErrorAnswer;
    expect(old.status).toBe(426);
    expect(old.body.error).toEqual({
      kind: 'outdated_client',
      message: `This desktop speaks sync protocol ${VERSIONS.protocolVersion + 1}; this hub speaks ${VERSIONS.protocolVersion}. Update the hub (ask whoever runs it), or use the Outpost version it serves.`,
    });
    const schema = await request(t().url, 'POST', '/auth/login', { ...body, ...VERSIONS, schemaVersion: VERSIONS.schemaVersion + 1 }) as ErrorAnswer;
    expect(schema.status).toBe(426);
    const bad = await request(t().url, 'POST', '/auth/login', { ...body, ...VERSIONS, email: 'not an email' }) as ErrorAnswer;
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid request: email: /);
    expect((await request(t().url, 'POST', '/auth/login', '{"email":', undefined)).status).toBe(400);
    expect((await request(t().url, 'GET', '/auth/login')).status).toBe(405);
    expect((await request(t().url, 'GET', '/nowhere')).status).toBe(404);
  });
});
