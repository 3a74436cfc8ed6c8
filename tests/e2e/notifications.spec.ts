import { expect, test } from '@playwright/test';
import { conversation, openConsole, screenshot } from './console';

test('the bell shows my unread mentions and assignments; opening one reads it', async ({ page }) => {
  await openConsole(page);
  const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  const unread = Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label'))!)![1]);
  expect(unread).toBeGreaterThan(0);

  await bell.click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  await expect(panel.getByRole('button', { name: /mentioned you/ }).first()).toBeVisible();
  await expect(panel.getByRole('button', { name: /assigned you a conversation/ }).first()).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Turn on desktop notifications' })).toBeVisible();
  await screenshot(page, 'notifications-panel');

  const mention = panel.getByRole('button', { name: /mentioned you/ }).first();
  const subject = ((await mention.locator('.notification-body').textContent()) ?? '').split(':')[0]!;
  await mention.click();
  await expect(panel).toBeHidden();
  await expect(conversation(page).getByRole('heading', { level: 2 })).toHaveText(subject);
  await expect(page.getByRole('button', { name: unread - 1 > 0 ? `Notifications, ${unread - 1} unread` : 'Notifications' })).toBeVisible();

  // Esc closes the panel and gives focus back to the bell.
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByRole('button', { name: /^Notifications/ })).toBeFocused();
});
