import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ExportedConversation } from '../../src-server/export/jsonl-export';
import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { repoRoot, tempDir } from '../support/console-process';
import { runHubCli as hub } from '../support/hub-process';
import { createTestDatabase } from '../support/postgres';
import { Desktop } from './server-client';
import { seedEntities } from './server-fixtures';

/** `serve` until its one line is printed; returns its URL and a stop that waits for a clean exit. */
function serve(dataDir: string, databaseUrl = ''): Promise<{ url: string; line: string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', 'serve', '--data', dataDir, '--port', '0'], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += String(c);
      const line = out.split('\n')[0]!;
      const url = /^Outpost hub listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(line)?.[1];
      if (url && out.includes('\n')) {
        resolve({ url, line, stop: () => new Promise((done) => (child.once('exit', (code) => done(code)), child.kill('SIGTERM'))) });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${out}`)));
  });
}

describe('hub command line', () => {
  it('adds a user who can then sign in to the served hub; lists users; audits the change', async () => {
    const dir = tempDir('hub-cli');
    const added = await hub(['user', 'add', '--data', dir, '--email', 'Mia@Team.test', '--name', 'Mia Lopez', '--role', 'supervisor', '--password-stdin'], 'lantern by the harbour\n');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^Added Mia Lopez <mia@team\.test> as supervisor \(agent \d+\)\.\n$/);

    const running = await serve(dir);
    expect(running.line).toBe(`${running.line.split(' (')[0]} (sqlite ${dir})`);
    const d = new Desktop(running.url);
    expect((await d.login('mia@team.test', 'lantern by the harbour')).status).toBe(200);
    expect(d.session?.agent).toMatchObject({ name: 'Mia Lopez', role: 'supervisor' });
    expect((await d.login('mia@team.test', 'lantern by the harbour\n')).status).toBe(401);
    expect(await running.stop()).toBe(0);

    const list = await hub(['user', 'list', '--data', dir]);
    expect(list.stdout).toMatch(/^\d+\tmia@team\.test\tMia Lopez\tsupervisor\tactive\n$/);
    const disabled = await hub(['user', 'disable', '--data', dir, '--email', 'mia@team.test']);
    expect(disabled.stdout).toBe('mia@team.test is disabled; 1 session(s) signed out.\n');
    const audit = await hub(['audit', '--data', dir, '--limit', '5']);
    expect(audit.stdout.split('\n')[0]).toMatch(/\tuser\.disable\tuser \d+\t\{"email":"mia@team\.test","revoked":1\}$/);
    expect(audit.stdout).toContain('\tuser.add\t');
  });

  it('refuses bad commands, weak passwords and duplicates with exit code 2 and a clear message', async () => {
    const dir = tempDir('hub-cli-bad');
    const missing = await hub(['user', 'add', '--data', dir, '--email', 'a@team.test', '--role', 'agent', '--password-stdin'], 'long enough password');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^hub: --name is required\n\nusage: npm run hub -- <command>/);
    const weak = await hub(['user', 'add', '--data', dir, '--email', 'a@team.test', '--name', 'Al', '--role', 'agent', '--password-stdin'], 'short');
    expect(weak).toMatchObject({ code: 2, stderr: 'hub: the password must have at least 10 characters; choose a longer or less guessable one\n' });
    const empty = await hub(['user', 'add', '--data', dir, '--email', 'a@team.test', '--name', 'Al', '--role', 'agent', '--password-stdin'], '\n');
    expect(empty).toMatchObject({ code: 2, stderr: 'hub: the password is empty; choose a longer or less guessable one\n' });
    const role = await hub(['user', 'add', '--data', dir, '--email', 'a@team.test', '--name', 'Al', '--role', 'boss', '--password-stdin'], 'long enough password');
    expect(role).toMatchObject({ code: 2 });
    expect(role.stderr).toMatch(/^hub: unknown role "boss" \(one of: agent, onboarding, supervisor, admin\)/);
    expect((await hub(['user', 'add', '--data', dir, '--email', 'a@team.test', '--name', 'Al', '--role', 'agent', '--password-stdin'], 'long enough password')).code).toBe(0);
    const twice = await hub(['user', 'add', '--data', dir, '--email', 'A@team.test', '--name', 'Al', '--role', 'agent', '--password-stdin'], 'long enough password');
    expect(twice).toMatchObject({ code: 2, stderr: 'hub: a user with email a@team.test already exists\n' });
    expect((await hub(['frobnicate', '--data', dir])).stderr).toMatch(/^hub: unknown command "frobnicate"/);
    expect((await hub(['audit', '--data', dir, '--limit', 'lots'])).code).toBe(2);
    expect((await hub(['user', 'disable', '--data', dir, '--email', 'nobody@team.test'])).stderr).toBe('hub: no user with email nobody@team.test\n');
    expect((await hub(['compact', '--data', dir, '--keep', '2', '--role', 'admin'])).stderr).toMatch(/^hub: compact does not take --role/);
  });

  it('exports every conversation as one JSON line with its tags, messages, notes and customer', async () => {
    const dir = tempDir('hub-cli-export');
    const store = await openSqliteStore(dir);
    await store.importEntities([seedEntities()]);
    const noteId = randomUUID();
    await store.write((tx) => tx.put([{ kind: 'note', id: noteId, parent: '11', audience: null, data: { id: noteId, conversationId: 11, authorId: 1, kind: 'note', body: 'Checked the carrier', mentionsJson: '[]', createdAt: 5 } }]));
    await store.close();

    const run = await hub(['export', '--data', dir, '--format', 'jsonl']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Exported 3 conversations.');
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as ExportedConversation);
    expect(lines.map((l) => l.conversation.id).sort()).toEqual([11, 12, 13]);
    const first = lines.find((l) => l.conversation.id === 11)!;
    expect(first.conversation).toMatchObject({ tags: ['vip'], status: 'open', category: 'shipping_status' });
    expect(first.messages.map((m) => m.text)).toEqual(['message 101', 'message 102']);
    expect(first.messages[0]).toMatchObject({ attachments: [], direction: 'inbound' });
    expect(first.notes).toEqual([{ id: noteId, conversationId: 11, authorId: 1, kind: 'note', body: 'Checked the carrier', mentions: [], createdAt: 5 }]);
    expect(first.customer).toEqual({ id: 1, name: 'Grace Customer', createdAt: 1_700_000_000_000, identities: [{ kind: 'email', value: 'grace@example.test' }, { kind: 'whatsapp', value: '+33600000001' }] });

    const out = path.join(dir, 'export.jsonl');
    expect((await hub(['export', '--data', dir, '--format', 'jsonl', '--out', out])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(run.stdout);
    expect(await hub(['export', '--data', dir, '--format', 'jsonl', '--out', out])).toMatchObject({ code: 2, stderr: `hub: ${out} already exists; choose another file\n` });
    expect((await hub(['export', '--data', dir, '--format', 'csv'])).code).toBe(2);
  });

  it('changes a role (the agent every desktop sees too), a password, signs a user out, compacts', async () => {
    const dir = tempDir('hub-cli-admin');
    await hub(['user', 'add', '--data', dir, '--email', 'lee@team.test', '--name', 'Lee Park', '--role', 'onboarding', '--password-stdin'], 'first good password');
    expect((await hub(['user', 'set-role', '--data', dir, '--email', 'lee@team.test', '--role', 'agent'])).stdout).toBe('lee@team.test is now agent.\n');
    expect((await hub(['user', 'passwd', '--data', dir, '--email', 'lee@team.test', '--password-stdin'], 'second good password')).stdout).toBe('Password changed for lee@team.test; 0 session(s) signed out.\n');
    expect((await hub(['session', 'revoke', '--data', dir, '--email', 'lee@team.test'])).stdout).toBe('0 session(s) of lee@team.test signed out.\n');
    expect((await hub(['compact', '--data', dir, '--keep', '1'])).stdout).toMatch(/^Dropped 0 deletion\(s\) at or below version \d+; desktops behind it will resync\.\n$/);

    const running = await serve(dir);
    const d = new Desktop(running.url);
    expect((await d.login('lee@team.test', 'first good password')).status).toBe(401);
    expect((await d.login('lee@team.test', 'second good password')).status).toBe(200);
    expect(d.session?.agent.role).toBe('agent');
    const agent = (await d.pullAll()).changes.find((c) => c.kind === 'agent' && c.id === String(d.session!.agent.id));
    expect(agent?.data).toMatchObject({ name: 'Lee Park', email: 'lee@team.test', role: 'agent' });
    expect(await running.stop()).toBe(0);
  });

  it('keeps users and serves from PostgreSQL when DATABASE_URL is set', async () => {
    const { url, drop } = await createTestDatabase();
    const added = await hub(['user', 'add', '--email', 'pat@team.test', '--name', 'Pat Quinn', '--role', 'admin', '--password-stdin'], 'postgres keeps us all', url);
    expect(added.code).toBe(0);
    const running = await serve(tempDir('hub-cli-unused'), url);
    expect(running.line).toMatch(/^Outpost hub listening on http:\/\/127\.0\.0\.1:\d+ \(postgres\)$/);
    expect((await new Desktop(running.url).login('pat@team.test', 'postgres keeps us all')).status).toBe(200);
    expect(await running.stop()).toBe(0);
    await drop();
  });
});
