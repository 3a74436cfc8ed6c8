import { expect, test, type Locator, type Page } from '@playwright/test';
import { conversation, inboxList, openConsole, sidebar } from './console';
import { ANSWERED_ELSEWHERE } from '../support/answered-elsewhere';
import { openConsoleAt, screenshotBothThemes, startTeam, type Team } from './sync-team';

/**
 * The email channel in the console: a customer's HTML email in its sandbox, a refused reply with
 * its reason and Retry, and the Mail health panel, solo (no mailbox) and on a team hub that syncs
 * a real Dovecot mailbox and sends through an SMTP sink.
 */
test.describe.configure({ mode: 'serial' });

const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/**
 * Walks a view with the keyboard (j, Enter), from its first row, until the open conversation
 * shows `wanted`. Earlier specs reply in the same workspace and reorder views, and the list only
 * renders the rows in sight, so the walk goes by keys rather than by the rows on screen.
 */
async function openFirstShowing(page: Page, view: RegExp, wanted: (main: Locator) => Locator, limit = 80): Promise<Locator> {
  await sidebar(page).getByRole('button', { name: view }).click();
  const list = inboxList(page);
  const selected = list.locator('[aria-selected="true"]');
  await expect(list.getByRole('option').first()).toHaveAttribute('id', /^row-/);
  await list.getByRole('option').first().click();
  const main = conversation(page);
  for (let i = 0; i < limit; i++) {
    await expect(main.getByRole('list', { name: 'Messages and notes' })).toBeVisible();
    if ((await wanted(main).count()) > 0) return wanted(main).first();
    const current = (await selected.getAttribute('id'))!;
    await list.focus();
    await page.keyboard.press('j');
    await expect(selected).not.toHaveAttribute('id', current);
    await page.keyboard.press('Enter');
    const label = (await selected.getAttribute('aria-label'))!;
    await expect(main).toHaveAccessibleName(`Conversation: ${label.slice(label.indexOf(': ') + 2)}`);
  }
  throw new Error(`no conversation among the first ${limit} of ${view} shows what the test needs`);
}

const paletteRun = async (page: Page, text: string) => {
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command or a conversation' }).fill(text);
  await page.keyboard.press('Enter');
};

test.describe('solo (embedded hub)', () => {
  test('a customer’s HTML email is sandboxed, and its remote image waits for "Load images"', async ({ page }) => {
    const requested: string[] = [];
    await page.route('https://photos.mailcdn.example/**', (route) => {
      requested.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: ONE_PIXEL_PNG });
    });
    await openConsole(page);
    const frame = await openFirstShowing(page, /^Email/, (main) => main.locator('iframe.email-html-frame'));
    // No scripts, no same-origin: the email cannot run code or reach the console.
    await expect(frame).toHaveAttribute('sandbox', '');
    const doc = frame.contentFrame();
    await expect(doc.getByText('Sent from my iPhone')).toBeVisible();
    await expect(doc.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /default-src 'none'.*img-src data:;/);
    const blocked = conversation(page).getByText('Remote images are blocked to protect your privacy.');
    await expect(blocked).toBeVisible();
    await page.waitForTimeout(300);
    expect(requested).toEqual([]);
    await frame.scrollIntoViewIfNeeded();
    await screenshotBothThemes(page, 'mail-html-images-blocked');

    await conversation(page).getByRole('button', { name: 'Load images' }).click();
    await expect(blocked).toBeHidden();
    await expect.poll(() => requested.length).toBe(1);
    await expect(doc.getByRole('img', { name: 'Photo of the parcel' })).toBeVisible();
  });

  test('a refused reply says why; Retry queues it again (solo: no mailbox sends it)', async ({ page }) => {
    await openConsole(page);
    const failure = await openFirstShowing(page, /^Pending/, (main) => main.locator('.delivery-failure'));
    await expect(failure).toContainText(/Not delivered: 550 5\.1\.1 <[^>]+>: Recipient address rejected/);
    await failure.scrollIntoViewIfNeeded();
    await screenshotBothThemes(page, 'mail-delivery-failed');
    // Keyboard: Tab reaches Retry, Enter presses it.
    const retry = failure.getByRole('button', { name: /^Retry sending/ });
    await retry.focus();
    await page.keyboard.press('Enter');
    await expect(conversation(page).locator('.delivery-failure')).toHaveCount(0);
    await expect(conversation(page).getByRole('listitem', { name: /^Reply by / }).last().locator('.delivery')).toHaveText('Queued');
  });

  test('an out-of-office answer is marked Auto-reply and leaves its conversation pending', async ({ page }) => {
    await openConsole(page);
    const badge = await openFirstShowing(page, /^Pending/, (main) => main.locator('.badge.mail-state', { hasText: 'Auto-reply' }));
    await expect(badge).toHaveAttribute('title', /did not reopen the conversation/);
    await expect(badge.locator('xpath=ancestor::li[1]')).toContainText('I am out of the office');
    await expect(conversation(page).getByRole('combobox', { name: 'Conversation status' })).toHaveValue('pending');
    await badge.scrollIntoViewIfNeeded();
    await screenshotBothThemes(page, 'mail-auto-reply');
  });

  test('Mail health: an empty state that says how to connect a mailbox', async ({ page }) => {
    await openConsole(page);
    await paletteRun(page, 'mail health');
    const panel = page.getByRole('dialog', { name: 'Mail health' });
    await expect(panel).toContainText('No mailbox is connected');
    await expect(panel).toContainText('npm run hub -- mail add');
    // The reply retried above is accepted but no mailbox can send it: the panel says it waits.
    await expect(panel.getByRole('status')).toContainText(/\d+ repl(y is|ies are) waiting to be sent/);
    await screenshotBothThemes(page, 'mail-health-empty');
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    // The shortcut opens it too.
    await page.keyboard.press('g');
    await page.keyboard.press('h');
    await expect(panel).toBeVisible();
  });
});

test.describe('on a team hub with a mailbox', () => {
  let team: Team;
  let page: Page;

  test.beforeAll(async ({ browser }, info) => {
    info.setTimeout(180_000);
    team = await startTeam(200, { withMailbox: true });
    const supervisor = await team.console({ agent: team.agent('Marcus Oyelaran') });
    page = await openConsoleAt(browser, supervisor.url);
  });

  test.afterAll(async () => {
    await page?.context().close();
    await team?.close();
  });

  test('Mail health shows the account and its state, and Resync asks first, then runs', async () => {
    await paletteRun(page, 'mail health');
    const panel = page.getByRole('dialog', { name: 'Mail health' });
    const account = panel.getByRole('listitem', { name: /^Mailbox support@example\.test: / });
    await expect(account).toHaveAccessibleName(/: Idle$/, { timeout: 30_000 });
    await expect(account).toContainText('Last sync');
    await expect(account).toContainText('INBOX (1), Sent (1)');
    await expect(account).toContainText('Nothing waiting');
    await screenshotBothThemes(page, 'mail-health-account');

    await account.getByRole('button', { name: 'Resync…' }).click();
    const confirm = account.getByRole('group', { name: /^Confirm resync/ });
    await expect(confirm).toContainText('Fetch every folder of support@example.test again?');
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await screenshotBothThemes(page, 'mail-health-resync-confirm');
    await confirm.getByRole('button', { name: 'Resync now' }).click();
    await expect(account).toContainText('Resync started');
    await expect(account).toHaveAccessibleName(/: Idle$/, { timeout: 30_000 });
    await page.keyboard.press('Escape');
  });

  test('an answer sent from another mail program shows as sent by the shop, and leaves the conversation pending', async () => {
    const answer = await openFirstShowing(page, /^Pending/, (main) => main.getByRole('listitem', { name: /, sent outside Outpost$/ }));
    // By the shop (the workspace's name), not by an unnamed agent.
    await expect(answer).toHaveAccessibleName(/^Sent by (?!Agent,).+, sent outside Outpost$/);
    await expect(answer).toContainText(ANSWERED_ELSEWHERE.answer);
    const main = conversation(page);
    await expect(main.getByRole('listitem', { name: `Message from ${ANSWERED_ELSEWHERE.customer}` })).toContainText('4 Elm Row instead');
    await expect(main.getByRole('combobox', { name: 'Conversation status' })).toHaveValue('pending');
    await answer.scrollIntoViewIfNeeded();
    await screenshotBothThemes(page, 'mail-sent-outside-outpost');
  });

  test('Retry on a refused reply sends it through the hub', async () => {
    const failure = await openFirstShowing(page, /^Pending/, (main) => main.locator('.delivery-failure'));
    await expect(failure).toContainText('Not delivered: 550');
    await failure.getByRole('button', { name: /^Retry sending/ }).click();
    const reply = conversation(page).getByRole('listitem', { name: /^Reply by / }).last();
    await expect(reply.locator('.delivery')).toHaveText('Sent', { timeout: 30_000 });
    await expect(conversation(page).locator('.delivery-failure')).toHaveCount(0);
  });
});
