import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { connectApi, type ApiConnection } from '../support/console-process';
import { findMergePair } from '../support/merge-pair';
import { consoleUrl, conversation, customerPanel, inboxList, openConsole, screenshot, sidebar } from './console';

/** The test's own connection to the core the console talks to, to set up and check data. */
function coreApi(): Promise<ApiConnection> {
  const url = new URL(consoleUrl());
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  return connectApi({ port: Number(url.port), token });
}

const WISMO = /^Shipping status \(WISMO\)/;

async function viewCount(page: Page, name: RegExp): Promise<number> {
  const text = await sidebar(page).getByRole('button', { name }).locator('.view-count').textContent();
  return Number((text ?? '').replace(/\D/g, ''));
}

test('triage a WISMO flood: select all, tag, set pending, undo', async ({ page }) => {
  await openConsole(page);
  await sidebar(page).getByRole('button', { name: WISMO }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Shipping status (WISMO)' })).toBeVisible();

  // Sort by SLA due: it is remembered for this view across a reload.
  await page.getByLabel('Sort by').selectOption('sla_due');
  await page.reload();
  await sidebar(page).getByRole('button', { name: WISMO }).click();
  await expect(page.getByLabel('Sort by')).toHaveValue('sla_due');
  await expect(inboxList(page).getByRole('option').first()).toHaveAttribute('id', /^row-/);

  const wismo = await viewCount(page, WISMO);
  const pendingBefore = await viewCount(page, /^Pending/);
  expect(wismo).toBeGreaterThan(5);

  const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
  await page.getByRole('button', { name: `Select all ${wismo} in this view` }).click();
  await expect(bar.getByText(`${wismo} selected`)).toBeVisible();

  await bar.getByRole('button', { name: 'Add tag' }).click();
  await bar.getByLabel('Tag to add').fill('carrier-delay');
  await bar.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Add tag “carrier-delay”: ${wismo} updated` })).toBeVisible();

  // The tag filter narrows the view to exactly the tagged ones.
  await page.getByLabel('Add filter').selectOption('tag');
  await page.getByLabel('Filter by tag').fill('carrier-delay');
  await page.getByLabel('Filter by tag').press('Enter');
  await expect(page.getByRole('button', { name: 'Remove filter Tag: carrier-delay' })).toBeVisible();
  await expect(page.getByText(`${wismo} conversations`)).toBeVisible();

  await page.getByRole('button', { name: `Select all ${wismo} in this view` }).click();
  await bar.getByLabel('Set status').selectOption('pending');
  await expect(page.getByRole('status').filter({ hasText: `Set status pending: ${wismo} updated` })).toBeVisible();
  await expect(page.getByText('No conversations in this view')).toBeVisible();
  await expect.poll(() => viewCount(page, WISMO)).toBe(0);
  await expect.poll(() => viewCount(page, /^Pending/)).toBe(pendingBefore + wismo);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Undone: ${wismo} updated` })).toBeVisible();
  await expect.poll(() => viewCount(page, WISMO)).toBe(wismo);
  await expect.poll(() => viewCount(page, /^Pending/)).toBe(pendingBefore);
  await expect(page.getByText(`${wismo} conversations`)).toBeVisible();

  // Keyboard: x checks the focused row, shift+j extends, Esc clears.
  await inboxList(page).focus();
  await page.keyboard.press('x');
  await page.keyboard.press('Shift+J');
  await page.keyboard.press('Shift+J');
  await expect(bar.getByText('3 selected')).toBeVisible();
  await screenshot(page, 'bulk-triage-wismo');

  // Answer the three at once with the WISMO macro: each gets its own filled reply.
  await bar.getByRole('button', { name: 'Apply macro…' }).click();
  const picker = page.getByRole('dialog', { name: 'Apply a macro to 3 conversations' });
  await picker.getByLabel('Search macros').fill('WISMO');
  await picker.getByRole('option', { name: /WISMO: tracking update/ }).click();
  await picker.getByRole('button', { name: 'Apply' }).click();
  await expect(picker.getByRole('heading', { name: /Send “WISMO: tracking update” to 3 conversations\?/ })).toBeVisible();
  await picker.getByRole('button', { name: 'Send to 3 conversations' }).click();
  await expect(picker.getByRole('heading', { name: /applied/ })).toBeVisible();
  await expect(picker.getByText(/Sent to \d of 3 conversations/)).toBeVisible();
  await screenshot(page, 'bulk-triage-macro');
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
});

test('merge two conversations of one customer', async ({ page }) => {
  const conn = await coreApi();
  const { customerName, ids } = await findMergePair(conn.api);
  // Put both on top of "All open": open, with fresh activity.
  for (const id of ids) {
    const { conversation: c } = await conn.api.call('conversation.get', { id });
    if (c.status !== 'open') await conn.api.call('mutate', { name: 'setStatus', args: { conversationId: id, to: 'open' } });
    await conn.api.call('mutate', { name: 'addNote', args: { id: randomUUID(), conversationId: id, body: 'Customer wrote twice about the same parcel.' } });
  }
  const details = await Promise.all(ids.map((id) => conn.api.call('conversation.get', { id })));
  conn.close();
  const [older, newer] = details.map((d) => d.conversation).sort((a, b) => a.createdAt - b.createdAt);

  await openConsole(page);
  for (const c of [older!, newer!]) await inboxList(page).getByRole('checkbox', { name: `Select ${customerName} – ${c.subject}` }).first().click();
  const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(bar.getByText('2 selected')).toBeVisible();
  await bar.getByRole('button', { name: 'Merge…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Merge conversations' });
  // The oldest is kept by default; a reason is required.
  await expect(dialog.getByRole('radio', { name: new RegExp(`^#${older!.id} `) })).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Merge', exact: true })).toBeDisabled();
  await dialog.getByLabel('Reason').fill('Same parcel, asked on two channels');
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(conversation(page)).toHaveAttribute('aria-label', `Conversation: ${older!.subject}`);
  await expect(conversation(page).getByText(`Merged #${newer!.id} into this conversation: Same parcel, asked on two channels`)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Merge into #${older!.id}: 1 updated` })).toBeVisible();

  // The merged one is closed and points to where its thread went.
  await customerPanel(page).getByRole('button').filter({ hasText: newer!.subject }).filter({ hasText: 'Closed' }).first().click();
  const banner = page.getByRole('note').filter({ hasText: `merged into #${older!.id}` });
  await expect(banner).toBeVisible();
  await expect(conversation(page).getByRole('combobox', { name: 'Conversation status' })).toHaveValue('closed');
  await screenshot(page, 'bulk-merged-banner');
  await banner.getByRole('button', { name: `Open #${older!.id}` }).click();
  await expect(conversation(page).getByText(`Merged #${newer!.id} into this conversation`)).toBeVisible();
  await screenshot(page, 'bulk-merge');
});
