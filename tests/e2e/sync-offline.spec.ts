import { expect, test, type Page } from '@playwright/test';
import type { TcpProxy } from '../support/tcp-proxy';
import { conversation } from './console';
import { firstRowId, openConsoleAt, openConversation, screenshotBothThemes, startTeam, syncIndicator, type Team } from './sync-team';

/**
 * Tomás reaches the hub through a line the spec cuts: his console says it is offline and how
 * many changes wait, keeps working, and recovers; a reply he queued while a colleague answered
 * is refused by the hub and comes back to his composer. Priya is always online.
 */
let team: Team;
let line: TcpProxy;
let priya: Page;
let tomas: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }, info) => {
  info.setTimeout(120_000);
  team = await startTeam();
  line = await team.line();
  const [online, remote] = await Promise.all([team.console({ agent: team.agent('Priya Raman') }), team.console({ agent: team.agent('Tomás Herrera'), line })]);
  [priya, tomas] = await Promise.all([openConsoleAt(browser, online.url), openConsoleAt(browser, remote.url)]);
  await expect(syncIndicator(tomas)).toContainText('Synced');
});

test.afterAll(async () => {
  await priya?.context().close();
  await tomas?.context().close();
  await team?.close();
});

const liveRegion = (page: Page) => page.locator('.sync-indicator [role=status]');

test('offline with changes waiting, a retry that cannot help yet, then back in step', async () => {
  await line.cut();
  await expect(syncIndicator(tomas)).toContainText('Offline', { timeout: 10_000 });
  await expect(liveRegion(tomas)).toHaveText(/^Sync offline/);

  const id = await firstRowId(tomas);
  await openConversation(tomas, id);
  const note = `Checked the warehouse camera (e2e ${Date.now()})`;
  const main = conversation(tomas);
  await main.getByRole('button', { name: 'Internal note' }).click();
  await main.getByLabel('Note text').fill(note);
  await main.getByRole('button', { name: 'Add note' }).click();
  // Kept here and shown at once, though the hub has not got it.
  await expect(main.getByRole('listitem', { name: /^Internal note by / }).filter({ hasText: note })).toBeVisible();
  await expect(syncIndicator(tomas)).toContainText('Offline — 1 change waiting');
  await expect(syncIndicator(tomas)).toContainText(/retry in \d+ s/);
  await expect(liveRegion(tomas)).toHaveText('Sync offline, 1 change waiting.');
  await screenshotBothThemes(tomas, 'sync-offline');

  // The palette offers the same retry as the top bar; with the line still cut it stays offline.
  await tomas.keyboard.press('Control+k');
  await tomas.getByRole('combobox', { name: 'Type a command or a conversation' }).fill('retry sync');
  await tomas.keyboard.press('Enter');
  await expect(syncIndicator(tomas)).toContainText('Offline — 1 change waiting');

  await line.restore();
  await tomas.getByRole('button', { name: 'Retry', exact: true }).click();
  await expect(syncIndicator(tomas)).toContainText('Synced', { timeout: 10_000 });
  await expect(tomas.getByRole('button', { name: 'Retry', exact: true })).toBeHidden();

  await openConversation(priya, id);
  await expect(conversation(priya).getByRole('listitem', { name: 'Internal note by Tomás Herrera' }).filter({ hasText: note })).toBeVisible({ timeout: 10_000 });
});

test("a reply queued offline after a colleague answered is refused, and its text is back in the composer", async () => {
  const id = await firstRowId(tomas);
  await openConversation(tomas, id);
  await openConversation(priya, id);
  await line.cut();
  await expect(syncIndicator(tomas)).toContainText('Offline', { timeout: 10_000 });

  const mine = `Your voucher code is HIKE-${Date.now()}`;
  const atTomas = conversation(tomas);
  // The composer is still in note mode from the note above.
  await atTomas.getByRole('button', { name: /^Reply via / }).click();
  await atTomas.getByLabel('Reply text').fill(mine);
  await atTomas.getByRole('button', { name: 'Send reply' }).click();
  // Past the five seconds of Undo it is queued here.
  await expect(syncIndicator(tomas)).toContainText('Offline — 1 change waiting', { timeout: 10_000 });
  await expect(atTomas.getByLabel('Reply text')).toHaveValue('');

  const hers = `I have refunded the order instead (e2e ${Date.now()})`;
  const atPriya = conversation(priya);
  await atPriya.getByLabel('Reply text').fill(hers);
  await atPriya.getByRole('button', { name: 'Send reply' }).click();
  await expect(atPriya.getByRole('listitem', { name: /^Reply by Priya Raman/ }).filter({ hasText: hers })).toBeVisible({ timeout: 10_000 });
  await expect(syncIndicator(priya)).toContainText('Synced', { timeout: 10_000 });

  await line.restore();
  await tomas.getByRole('button', { name: 'Retry', exact: true }).click();
  const refused = tomas.getByRole('alert').filter({ hasText: 'The hub refused your reply' });
  await expect(refused).toContainText('Priya Raman replied while you were offline — your reply is back in the draft', { timeout: 10_000 });
  await expect(atTomas.getByLabel('Reply text')).toHaveValue(mine);
  await expect(atTomas.getByRole('listitem', { name: /^Reply by Priya Raman/ }).filter({ hasText: hers })).toBeVisible();
  await expect(atTomas.getByRole('listitem', { name: /^Reply by Tomás Herrera/ }).filter({ hasText: mine })).toHaveCount(0);
  await expect(syncIndicator(tomas)).toContainText('Synced');
  await screenshotBothThemes(tomas, 'sync-reply-refused');

  await refused.getByRole('button', { name: 'Dismiss' }).click();
  await expect(refused).toBeHidden();
});
