import { expect, test, type Page } from '@playwright/test';
import { conversation, inboxList, openConsole, screenshot } from './console';

/** Opens the nth row of "All open" and returns the conversation's id, from the row's element id. */
async function openRow(page: Page, n: number): Promise<string> {
  await openConsole(page);
  const row = inboxList(page).getByRole('option').nth(n);
  const id = ((await row.getAttribute('id')) ?? '').replace(/^row-/, '');
  await row.click();
  await expect(conversation(page).getByRole('heading', { level: 2 })).toBeVisible();
  return id;
}

test('leave a note with an @mention', async ({ page }) => {
  await openRow(page, 4);
  const main = conversation(page);
  await main.getByRole('button', { name: 'Internal note' }).click();
  const box = main.getByLabel('Note text');
  await box.pressSequentially('Carrier says lost in transit, @Mar');
  const picker = main.getByRole('listbox', { name: 'Mention a teammate' });
  await expect(picker.getByRole('option', { name: /Marcus Oyelaran/ })).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(picker).toBeHidden();
  await expect(box).toHaveValue('Carrier says lost in transit, @Marcus ');
  await box.pressSequentially('can you approve a reship?');
  await main.getByRole('button', { name: 'Add note' }).click();

  const note = main.getByRole('listitem', { name: /^Internal note by / }).filter({ hasText: 'approve a reship' });
  await expect(note).toBeVisible();
  await expect(note.locator('.mention')).toHaveText('@Marcus');
  await screenshot(page, 'workflows-mention');
});

test('hand over with a note', async ({ page }) => {
  await openRow(page, 5);
  const main = conversation(page);
  await main.getByLabel('Assignee').focus();
  await main.getByLabel('Assignee').selectOption({ label: 'Lena Vogel' });
  const dialog = page.getByRole('dialog', { name: 'Hand over to Lena Vogel' });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole('button', { name: 'Hand over' });
  // The untouched template is not a handover note.
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Handover note').fill('Customer wants a refund for the torn jacket.\nDone so far: photos received.\nNext step: approve the refund.');
  await confirm.click();
  await expect(dialog).toBeHidden();
  // Focus goes back where the agent was, not to the top of the page.
  await expect(main.getByLabel('Assignee')).toBeFocused();

  await expect(main.getByLabel('Assignee')).toHaveValue(/\d+/);
  await expect(main.getByLabel('Assignee').locator('option:checked')).toHaveText('Lena Vogel');
  const handover = main.getByRole('listitem', { name: /^Handover from .+ to Lena Vogel$/ });
  await expect(handover).toContainText('Next step: approve the refund.');
  await handover.scrollIntoViewIfNeeded();
  await screenshot(page, 'workflows-handover');
});

test('send and solve with undo', async ({ page }) => {
  await openRow(page, 6);
  const main = conversation(page);
  const box = main.getByLabel('Reply text');
  const text = `Your refund is on its way (e2e ${Date.now()})`;
  await box.fill(text);
  await box.press('Control+Shift+Enter');
  const toast = page.getByRole('status').filter({ hasText: 'Sending and solving…' });
  await expect(toast).toBeVisible();
  await expect(box).toHaveValue('');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(box).toHaveValue(text);
  await expect(main.getByRole('listitem', { name: /^Reply by / }).filter({ hasText: text })).toHaveCount(0);

  await main.getByRole('button', { name: 'More send options' }).click();
  await page.getByRole('menuitem', { name: /Send and Solve/ }).click();
  await expect(main.getByRole('listitem', { name: /^Reply by / }).filter({ hasText: text })).toBeVisible();
  await expect(main.getByLabel('Conversation status')).toHaveValue('solved');
  await expect(toast).toBeHidden();
  await screenshot(page, 'workflows-send-solve');
});

test('a draft survives a reload', async ({ page }) => {
  const id = await openRow(page, 7);
  const main = conversation(page);
  const text = 'Half-written: I checked with the warehouse and';
  await main.getByLabel('Reply text').fill(text);
  await expect(main.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();

  await page.reload();
  await expect(inboxList(page).getByRole('option').first()).toHaveAttribute('id', /^row-/);
  await page.locator(`#row-${id}`).click();
  await expect(conversation(page).getByLabel('Reply text')).toHaveValue(text);
  await screenshot(page, 'workflows-draft');
});

test('snooze until tomorrow, and mark as spam with undo', async ({ page }) => {
  await openRow(page, 8);
  const main = conversation(page);
  await main.getByRole('button', { name: 'Snooze…' }).click();
  await main.getByRole('group', { name: 'Snooze options' }).getByRole('button', { name: /^Tomorrow 9:00/ }).click();
  await expect(main.getByLabel('Conversation status')).toHaveValue('snoozed');
  await expect(main.getByText(/^Snoozed until /)).toBeVisible();

  await main.getByRole('button', { name: 'Mark as spam' }).click();
  await expect(main.getByLabel('Conversation status')).toHaveValue('closed');
  await expect(main.locator('.tag', { hasText: 'spam' })).toBeVisible();
  await page.getByRole('status').filter({ hasText: 'Marked as spam' }).getByRole('button', { name: 'Undo' }).click();
  await expect(main.getByLabel('Conversation status')).toHaveValue('open');
  await expect(main.locator('.tag', { hasText: 'spam' })).toHaveCount(0);
  await screenshot(page, 'workflows-snooze-spam');
});

test('split the later messages into a new conversation with a reason', async ({ page }) => {
  await openRow(page, 9);
  const main = conversation(page);
  const messages = main.getByRole('listitem', { name: /^(Message from|Reply by) / });
  const before = await messages.count();
  expect(before).toBeGreaterThan(1);
  await messages.last().hover();
  await messages.last().getByRole('button', { name: /^Split from this message/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Split 1 message into a new conversation$/ });
  const confirm = dialog.getByRole('button', { name: 'Split into new conversation' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Reason for the split').fill('Separate question about a second order');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(messages).toHaveCount(before - 1);
  await expect(main.getByRole('listitem', { name: /^Internal note by / }).filter({ hasText: /Split 1 message\(s\) into #\d+\. Reason: Separate question/ })).toBeVisible();
  await screenshot(page, 'workflows-split');
});
