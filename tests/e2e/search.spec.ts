import { expect, test } from '@playwright/test';
import { conversation, openConsole, screenshot } from './console';

test('searching a phrase finds conversations and opens the clicked one', async ({ page }) => {
  await openConsole(page);
  const box = page.getByRole('searchbox', { name: 'Search conversations' });
  await box.fill('nothing has moved');
  const results = page.getByRole('region', { name: 'Search results' });
  await expect(results.getByText(/^\d+ results? in \d+ ms$/)).toBeVisible();
  const hit = results.getByRole('button').first();
  // The core's \u0002…\u0003 markers come out as <mark> elements around the matched words.
  const matched = hit.getByText('moved', { exact: true });
  await expect(matched).toBeVisible();
  expect(await matched.evaluate((el) => el.tagName)).toBe('MARK');
  await screenshot(page, 'search-results');

  const hitText = (await hit.textContent()) ?? '';
  await hit.click();
  await expect(results).toBeHidden();
  const subject = await conversation(page).getByRole('heading', { level: 2 }).textContent();
  expect(hitText).toContain(subject);
  await expect(conversation(page).getByText(/nothing has moved/i).first()).toBeVisible();
  await screenshot(page, 'search-opened');
});
