import { expect, test } from '@playwright/test';
import { conversation, inboxList, openConsole, screenshot, sidebar } from './console';

test('email: quoted history is folded, and a formatted reply shows bold text and a link', async ({ page }) => {
  await openConsole(page);
  await sidebar(page).getByRole('button', { name: /^Email/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email' })).toBeVisible();
  const rows = inboxList(page).getByRole('option');
  await expect(rows.first()).toHaveAttribute('id', /^row-/);
  const main = conversation(page);

  // The demo data quotes our previous reply in about 40% of customers' follow-ups: find one.
  const toggle = main.getByRole('button', { name: 'Show quoted text' }).first();
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    await rows.nth(i).click();
    await expect(main.getByRole('list', { name: 'Messages and notes' })).toBeVisible();
    found = (await toggle.count()) > 0 && (await main.getByLabel('Reply text').getAttribute('placeholder'))?.includes('closed') !== true;
  }
  expect(found, 'an open email conversation with quoted text among the first 30').toBe(true);

  const show = main.getByRole('listitem', { name: /^Message from / }).getByRole('button', { name: 'Show quoted text' }).first();
  const regionId = (await show.getAttribute('aria-controls'))!;
  const block = main.locator(`#${regionId}`);
  const toggleOfBlock = main.locator(`button[aria-controls="${regionId}"]`);
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await expect(block).toBeHidden();
  await expect(block).toHaveText(/wrote:|Original Message/);
  await show.click();
  await expect(toggleOfBlock).toHaveAttribute('aria-expanded', 'true');
  await expect(toggleOfBlock).toHaveText('Hide quoted text');
  await expect(block).toBeVisible();
  await toggleOfBlock.evaluate((el) => el.closest('li')?.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'email-quoted-expanded');

  // Compose: bold with Ctrl+B, a link from the toolbar.
  const box = main.getByLabel('Reply text');
  await box.click();
  await box.pressSequentially('Your parcel is ');
  await box.press('Control+b');
  await box.pressSequentially('on its way');
  await box.press('End');
  await box.pressSequentially('. Track it ');
  await main.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Link' }).click();
  // The label is selected: type over it, then jump to the selected-after URL placeholder.
  await box.pressSequentially('here');
  await expect(box).toHaveValue('Your parcel is **on its way**. Track it [here](https://)');
  await box.press('End');
  await box.press('ArrowLeft');
  await box.pressSequentially('track.example/1Z999');
  await expect(box).toHaveValue('Your parcel is **on its way**. Track it [here](https://track.example/1Z999)');
  await screenshot(page, 'email-compose-formatted');

  await main.getByRole('button', { name: 'Send reply' }).click();
  const sent = main.getByRole('listitem', { name: /^Reply by / }).filter({ hasText: 'Your parcel is on its way' });
  await expect(sent).toBeVisible({ timeout: 15_000 });
  await expect(sent.locator('strong')).toHaveText('on its way');
  const link = sent.getByRole('link', { name: 'here' });
  await expect(link).toHaveAttribute('href', 'https://track.example/1Z999');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(sent).not.toContainText('**');
  // The inbox row previews the plain text, not the markup.
  await expect(inboxList(page)).toContainText('Your parcel is on its way. Track it here');
  await sent.scrollIntoViewIfNeeded();
  await screenshot(page, 'email-reply-formatted');
});
