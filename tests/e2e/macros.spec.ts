import { expect, test, type Page } from '@playwright/test';
import { conversation, customerPanel, inboxList, openConsole, screenshot, sidebar } from './console';

function picker(page: Page) {
  return page.getByRole('dialog', { name: 'Apply a macro' });
}

/** Opens shipping conversations until one is answerable and the WISMO macro fills it without gaps. */
async function openShippingConversationWithTracking(page: Page): Promise<string> {
  await sidebar(page).getByRole('button', { name: /^Shipping status/ }).click();
  const rows = inboxList(page).getByRole('option');
  await expect(rows.first()).toHaveAttribute('id', /^row-/);
  for (let i = 0; i < 25; i++) {
    await rows.nth(i).click();
    const main = conversation(page);
    await expect(main).toBeVisible();
    const status = await main.getByLabel('Conversation status').inputValue();
    const tracking = customerPanel(page).getByRole('link').first();
    if (!['open', 'pending'].includes(status) || (await tracking.count()) === 0) continue;
    await page.keyboard.press('m');
    await picker(page).getByLabel('Search macros').fill('WISMO');
    const preview = picker(page).getByRole('region', { name: 'Macro preview' });
    await expect(preview).toBeVisible();
    if ((await preview.getByRole('status').count()) === 0) {
      const url = await preview.locator('mark.macro-var-filled').filter({ hasText: /^https?:\/\// }).textContent();
      if (url) return url;
    }
    await picker(page).getByRole('button', { name: 'Close macros' }).click();
  }
  throw new Error('no open shipping conversation with a tracked order among the first 25');
}

test('answer with a macro that fills the tracking link', async ({ page }) => {
  await openConsole(page);
  const trackingUrl = await openShippingConversationWithTracking(page);
  const dialog = picker(page);
  await expect(dialog.getByRole('option', { name: /WISMO: tracking update/ })).toHaveAttribute('aria-selected', 'true');
  // The link the preview fills is one of the customer's real shipments.
  await expect(customerPanel(page).locator(`a[href="${trackingUrl}"]`).first()).toBeAttached();
  await expect(dialog.getByRole('list', { name: 'Actions' })).toContainText('Set status to pending');
  await screenshot(page, 'macro-picker-preview');

  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const main = conversation(page);
  const reply = main.getByLabel('Reply text');
  await expect(reply).toBeFocused();
  await expect(reply).toHaveValue(new RegExp(`${trackingUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  await expect(main.getByLabel('Conversation status')).toHaveValue('pending');
  await screenshot(page, 'macro-filled-composer');

  await page.keyboard.press('Control+Enter');
  await expect(main.getByRole('listitem', { name: /^Reply by / }).filter({ hasText: trackingUrl })).toBeVisible();
  await expect(reply).toHaveValue('');
  // The header button opens the same picker; Escape closes it and gives focus back.
  const macrosButton = main.getByRole('button', { name: 'Macros' });
  await macrosButton.click();
  await expect(picker(page).getByLabel('Search macros')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(picker(page)).toBeHidden();
  await expect(macrosButton).toBeFocused();
  await screenshot(page, 'macro-tracking-reply');
});

test('create a macro with a live preview', async ({ page }) => {
  await openConsole(page);
  await inboxList(page).getByRole('option').first().click();
  await expect(conversation(page)).toBeVisible();
  const customerFirstName = ((await customerPanel(page).getByRole('heading', { level: 2 }).textContent()) ?? '').trim().split(/\s+/)[0]!;

  await sidebar(page).getByRole('button', { name: 'Macros' }).click();
  const manager = page.getByRole('dialog', { name: 'Macro manager' });
  await expect(manager.getByRole('list', { name: 'Macros' }).getByRole('button').first()).toBeVisible();
  // Shared macros are the team's: an agent can read them here but not change them.
  await manager.getByRole('list', { name: 'Macros' }).getByRole('button', { name: /WISMO: tracking update/ }).click();
  const shared = manager.getByRole('form', { name: 'Edit macro WISMO: tracking update' });
  await expect(shared.getByText(/Shared macros are kept by supervisors and admins/)).toBeVisible();
  await expect(shared.getByLabel('Name')).toBeDisabled();
  await expect(shared.getByRole('button', { name: 'Save changes' })).toHaveCount(0);

  await manager.getByRole('button', { name: 'New macro' }).click();
  const form = manager.getByRole('form', { name: 'New macro' });
  const name = `Delay apology ${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  const body = form.getByLabel('Reply text');
  await body.fill('Hi ');
  await form.getByLabel('Insert variable').selectOption({ label: 'Customer first name' });
  await body.press('End');
  await body.pressSequentially(', sorry for the wait on {{order.nickname}}');
  await expect(form.getByRole('alert')).toHaveText('Unknown variable: {{order.nickname}}');
  await expect(form.getByRole('button', { name: 'Create macro' })).toBeDisabled();
  await body.fill(`Hi {{customer.firstName}}, sorry for the wait. — {{agent.firstName}}`);
  await form.getByRole('button', { name: 'Add action' }).click();
  await form.getByLabel('Action 1', { exact: true }).selectOption('addTag');
  await form.getByLabel('Action 1 value').fill('delay-apology');

  const preview = manager.getByRole('region', { name: 'Macro preview' });
  await expect(preview.locator('mark.macro-var-filled').first()).toHaveText(customerFirstName);
  await expect(preview.getByRole('list', { name: 'Actions' })).toHaveText('Add tag “delay-apology”');
  await form.getByRole('button', { name: 'Create macro' }).click();

  const listed = manager.getByRole('list', { name: 'Macros' }).getByRole('button', { name: new RegExp(name) });
  await expect(listed).toContainText('Personal · used 0×');
  await expect(listed).toHaveAttribute('aria-current', 'true');
  const saved = manager.getByRole('form', { name: `Edit macro ${name}` });
  await expect(saved.getByLabel('Name')).toHaveValue(name);
  await expect(saved.getByLabel('Action 1 value')).toHaveValue('delay-apology');
  await expect(saved.getByRole('region', { name: 'Macro preview' }).locator('mark.macro-var-filled').first()).toHaveText(customerFirstName);
  await screenshot(page, 'macro-created');

  // Deleting asks first, then the macro is gone from the list.
  await saved.getByRole('button', { name: 'Delete…' }).click();
  await saved.getByRole('group', { name: 'Confirm delete' }).getByRole('button', { name: 'Delete' }).click();
  await expect(listed).toHaveCount(0);
  await expect(manager.getByText('Pick a macro to edit it, or create a new one.')).toBeVisible();
});
