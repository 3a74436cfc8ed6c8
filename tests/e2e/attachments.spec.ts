import { expect, test } from '@playwright/test';
import { conversation, inboxList, openConsole, screenshot } from './console';

test('attach a file, send it, and download it from the thread', async ({ page }) => {
  await openConsole(page);
  await inboxList(page).getByRole('option').nth(12).click();
  const main = conversation(page);
  await expect(main.getByRole('heading', { level: 2 })).toBeVisible();

  const body = Buffer.from('Return label for order #1042\nDrop the parcel at any post office.\n'.repeat(40));
  await main.getByLabel('Files to attach').setInputFiles({ name: 'return-label.txt', mimeType: 'text/plain', buffer: body });
  const chip = main.getByRole('list', { name: 'Attached files' }).getByRole('listitem', { name: 'return-label.txt' });
  await expect(chip).toContainText('2.5 KB');
  await expect(chip.getByRole('progressbar')).toHaveCount(0); // uploaded

  // A file the limit refuses says so on its chip and holds the send until removed.
  await main.getByLabel('Files to attach').setInputFiles({ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(26 * 1024 * 1024) });
  const huge = main.getByRole('listitem', { name: 'huge.bin' });
  await expect(huge.getByRole('alert')).toHaveText(/Too large/);
  const text = `Here is your return label (e2e ${Date.now()})`;
  await main.getByLabel('Reply text').fill(text);
  await expect(main.getByRole('button', { name: 'Send reply' })).toBeDisabled();
  await screenshot(page, 'attachments-too-large');
  await huge.getByRole('button', { name: 'Remove huge.bin' }).click();

  await main.getByRole('button', { name: 'Send reply' }).click();
  await expect(main.getByRole('list', { name: 'Attached files' })).toHaveCount(0);
  const sent = main.getByRole('listitem', { name: /^Reply by / }).filter({ hasText: text });
  await expect(sent).toBeVisible({ timeout: 15_000 });
  const link = sent.getByRole('link', { name: 'Download return-label.txt (2.5 KB)' });
  await expect(link).toBeVisible();

  const res = await page.request.get(new URL((await link.getAttribute('href')) ?? '', page.url()).toString());
  expect(res.status()).toBe(200);
  expect(Buffer.from(await res.body()).equals(body)).toBe(true);
  expect(res.headers()['content-disposition']).toContain('filename="return-label.txt"');

  await sent.scrollIntoViewIfNeeded();
  await main.getByLabel('Files to attach').setInputFiles({ name: 'damaged-box.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(300_000, 7) });
  await expect(main.getByRole('listitem', { name: 'damaged-box.jpg' })).toContainText('293.0 KB');
  await screenshot(page, 'attachments');
});
