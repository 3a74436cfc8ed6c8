import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { repoRoot, startConsoleProcess, tempDir, type ConsoleProcess } from '../support/console-process';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import type { TeamAgent } from '../support/team-hub';
import { inboxList } from './console';

interface HubProcess {
  url: string;
  port: number;
  agents: TeamAgent[];
  close(): Promise<void>;
}

/** Starts a hub script (sync-hub-process.ts, or mail-hub-process.ts with a mailbox) and waits for the line saying where it listens. */
function startHubProcess(conversations: number, script: string): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(conversations)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.match(/^TEAM_HUB (.+)$/m);
      if (!line) return;
      const hub = JSON.parse(line[1]!) as Omit<HubProcess, 'close'>;
      resolve({
        ...hub,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`the team hub exited with ${code}: ${err.trim()}`)));
  });
}

/**
 * A team for the sync specs, all real: a hub on loopback over a SQLite store holding a demo
 * workspace, and browser consoles (core processes) whose agents sign in to it. A member can
 * reach the hub through a relay the spec cuts to be offline while the others go on.
 */
export interface Team {
  hub: HubProcess;
  agent(name: string): TeamAgent;
  /** A console of its own (fresh data folder): solo, or signed in to the hub as `agent`, directly or through `line`. */
  console(opts?: { agent?: TeamAgent; line?: TcpProxy }): Promise<ConsoleProcess>;
  line(): Promise<TcpProxy>;
  close(): Promise<void>;
}

/** `withMailbox`: the hub also syncs a support mailbox (Dovecot) and sends replies to an SMTP sink. */
export async function startTeam(conversations = 40, { withMailbox = false } = {}): Promise<Team> {
  const hub = await startHubProcess(conversations, withMailbox ? 'tests/e2e/mail-hub-process.ts' : 'tests/e2e/sync-hub-process.ts');
  const consoles: { process: ConsoleProcess; dataDir: string }[] = [];
  const lines: TcpProxy[] = [];
  // The bundle after `npm run build`, as in global setup; from source otherwise.
  const built = fs.existsSync(path.join(repoRoot, 'dist/core/web.mjs')) && !process.env.OUTPOST_E2E_FROM_SOURCE;
  return {
    hub,
    agent(name) {
      const found = hub.agents.find((a) => a.name === name);
      if (!found) throw new Error(`the demo team has no agent named ${name}`);
      return found;
    },
    async console({ agent, line } = {}) {
      const dataDir = tempDir('e2e-sync');
      const env = agent ? { OUTPOST_HUB_URL: line?.url ?? hub.url, OUTPOST_HUB_EMAIL: agent.email, OUTPOST_HUB_PASSWORD: agent.password } : {};
      const process = await startConsoleProcess({ dataDir, built, env, args: ['--demo-conversations', '20'] });
      consoles.push({ process, dataDir });
      return process;
    },
    async line() {
      const line = await startTcpProxy(hub.port);
      lines.push(line);
      return line;
    },
    async close() {
      for (const c of consoles) {
        await c.process.stop();
        fs.rmSync(c.dataDir, { recursive: true, force: true });
      }
      for (const l of lines) await l.close();
      await hub.close();
    },
  };
}

/** A page of its own (its own storage and focus) on a console, once its first inbox rows are on screen. */
export async function openConsoleAt(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(url);
  await expect(inboxList(page).getByRole('option').first()).toHaveAttribute('id', /^row-/);
  return page;
}

/** The top bar's sync status button. */
export function syncIndicator(page: Page) {
  return page.getByRole('button', { name: /^Sync: / });
}

/** Opens a conversation by id in the current list (both consoles of a team list the same rows). */
export async function openConversation(page: Page, id: number): Promise<void> {
  await page.locator(`#row-${id}`).click();
  await expect(page.getByRole('main', { name: /^Conversation: / })).toBeVisible();
}

export async function firstRowId(page: Page): Promise<number> {
  const id = await inboxList(page).getByRole('option').first().getAttribute('id');
  return Number(id?.replace('row-', ''));
}

/** Light and dark screenshots of the same moment, to look at both themes. */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/screenshots/${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
