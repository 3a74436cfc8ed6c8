import { expect, test } from '@playwright/test';
import { conversation, inboxList, openConsole, screenshot, sidebar } from './console';

test('the console opens and lists open conversations', async ({ page }) => {
  await openConsole(page);
  await expect(page.getByRole('heading', { level: 1, name: 'All open' })).toBeVisible();
  await expect(sidebar(page).getByRole('button', { name: /^All open/ })).toHaveAttribute('aria-current', 'page');
  // The live count next to the view matches the list's total.
  const count = await sidebar(page).getByRole('button', { name: /^All open/ }).textContent();
  const n = Number((count ?? '').replace(/\D/g, ''));
  expect(n).toBeGreaterThan(0);
  await expect(page.getByText(`${n.toLocaleString('en-US')} conversations`)).toBeVisible();
  await expect(inboxList(page).getByRole('option').nth(3)).toHaveAttribute('id', /^row-/);
  // The address bar no longer shows the secret.
  expect(page.url()).not.toContain('token=');
  await screenshot(page, 'inbox-all-open');
});

test('switching to a channel and a category changes the list', async ({ page }) => {
  await openConsole(page);

  await sidebar(page).getByRole('button', { name: /^WhatsApp/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp' })).toBeVisible();
  await expect(inboxList(page).getByRole('option').first()).toHaveAttribute('id', /^row-/);
  // Every visible row carries the WhatsApp badge.
  const rows = inboxList(page).getByRole('option');
  for (let i = 0; i < 5; i++) await expect(rows.nth(i).getByText('WhatsApp', { exact: true })).toBeVisible();

  await sidebar(page).getByRole('button', { name: /^Returns & exchanges/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Returns & exchanges' })).toBeVisible();
  await expect(rows.first()).toHaveAttribute('id', /^row-/);
  for (let i = 0; i < 5; i++) await expect(rows.nth(i).getByText('Returns & exchanges', { exact: true })).toBeVisible();
  await screenshot(page, 'inbox-category-returns');
});

test('keyboard: j/k move the selection and Enter opens it', async ({ page }) => {
  await openConsole(page);
  const rows = inboxList(page).getByRole('option');
  await inboxList(page).focus();
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'false');
  const subject = (await rows.nth(1).getAttribute('aria-label'))?.split(': ').slice(1).join(': ') ?? '';
  await page.keyboard.press('Enter');
  await expect(conversation(page).getByRole('heading', { level: 2 })).toHaveText(subject);

  // "/" jumps to search and Esc leaves it.
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search conversations' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('searchbox', { name: 'Search conversations' })).not.toBeFocused();
  await screenshot(page, 'keyboard-navigation');
});

test('a long inbox scrolls far and loads the rows it lands on', async ({ page }) => {
  await openConsole(page);
  await sidebar(page).getByRole('button', { name: /^Solved/ }).click();
  const list = inboxList(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Solved' })).toBeVisible();
  await expect(list.getByRole('option').first()).toHaveAttribute('id', /^row-/);
  const total = Number(await list.getByRole('option').first().getAttribute('aria-setsize'));
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  // Rows far from the first page are fetched for where the list landed, not skipped over.
  // (Polled: right after the jump the rendered rows may still be the first page's.)
  const middle = list.getByRole('option').nth(10);
  await expect.poll(async () => Number(await middle.getAttribute('aria-posinset'))).toBeGreaterThan(total / 3);
  await expect(middle).toHaveAttribute('id', /^row-/);
  await screenshot(page, 'inbox-scrolled');
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('follows the system preference', async ({ page }) => {
    await openConsole(page);
    await inboxList(page).getByRole('option').first().click();
    await expect(conversation(page)).toBeVisible();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(247, 247, 248)');
    await screenshot(page, 'dark-theme');
  });
});
