import { expect, test } from '@playwright/test';
import { conversation, customerPanel, inboxList, openConsole, screenshot } from './console';

test('opening a conversation shows its thread, customer and orders', async ({ page }) => {
  await openConsole(page);
  const row = inboxList(page).getByRole('option').first();
  const subject = ((await row.getAttribute('aria-label')) ?? '').split(': ').slice(1).join(': ');
  await row.click();

  const main = conversation(page);
  await expect(main.getByRole('heading', { level: 2 })).toHaveText(subject);
  await expect(main.getByRole('list', { name: 'Messages and notes' }).getByRole('listitem').first()).toBeVisible();
  await expect(main.getByRole('listitem', { name: /^Message from / }).first()).toBeVisible();
  await expect(main.getByLabel('Conversation status')).toBeVisible();

  const customer = customerPanel(page);
  await expect(customer.getByRole('heading', { level: 2 })).toBeVisible();
  await expect(customer.getByRole('heading', { name: /^Orders \(\d+\)$/ })).toBeVisible();
  await expect(customer.getByRole('heading', { name: /^Other conversations/ })).toBeVisible();
  await screenshot(page, 'conversation-open');
});

test('a shipping conversation shows the order with its shipment tracking', async ({ page }) => {
  await openConsole(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Shipping status/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Shipping status/ })).toBeVisible();
  const rows = inboxList(page).getByRole('option');
  await expect(rows.first()).toHaveAttribute('id', /^row-/);
  // Not every WISMO customer has a shipped order on file (and other specs reorder the view); take the first that does.
  for (let i = 0; i < 20; i++) {
    await rows.nth(i).click();
    await expect(conversation(page)).toBeVisible();
    const orders = customerPanel(page).getByRole('heading', { name: /^Orders \(\d+\)$/ });
    if ((await orders.textContent()) !== 'Orders (0)' && (await customerPanel(page).getByRole('link').count()) > 0) break;
  }
  const panel = customerPanel(page);
  await expect(panel.getByText(/^Order /).first()).toBeVisible();
  await expect(panel.getByRole('list', { name: /^Items in order / }).first()).toBeVisible();
  await expect(panel.getByRole('link').first()).toHaveAttribute('href', /^https?:\/\//);
  await screenshot(page, 'conversation-orders');
});

test('sending a reply appears in the thread', async ({ page }) => {
  await openConsole(page);
  await inboxList(page).getByRole('option').first().click();
  const main = conversation(page);
  await expect(main.getByRole('heading', { level: 2 })).toBeVisible();

  const text = `Thanks for waiting, I have re-sent the label (e2e ${Date.now()})`;
  await main.getByLabel('Reply text').fill(text);
  await main.getByRole('button', { name: 'Send reply' }).click();
  await expect(main.getByRole('listitem', { name: /^Reply by / }).filter({ hasText: text })).toBeVisible();
  await expect(main.getByLabel('Reply text')).toHaveValue('');
  await screenshot(page, 'conversation-replied');
});

test('adding an internal note appears in the thread, marked internal', async ({ page }) => {
  await openConsole(page);
  await inboxList(page).getByRole('option').nth(1).click();
  const main = conversation(page);
  await expect(main.getByRole('heading', { level: 2 })).toBeVisible();

  await main.getByRole('button', { name: 'Internal note' }).click();
  await main.getByLabel('Note text').fill('@Sam please double-check the carrier claim');
  await main.getByRole('button', { name: 'Add note' }).click();
  const note = main.getByRole('listitem', { name: /^Internal note by / }).filter({ hasText: 'double-check the carrier claim' });
  await expect(note).toBeVisible();
  await expect(note.getByText('@Sam')).toBeVisible();
  await screenshot(page, 'conversation-note');
});
