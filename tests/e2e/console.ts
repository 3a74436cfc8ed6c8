import { expect, type Page } from '@playwright/test';

export function consoleUrl(): string {
  const url = process.env.OUTPOST_E2E_URL;
  if (!url) throw new Error('OUTPOST_E2E_URL is not set: global setup did not start the core');
  return url;
}

/** Opens the console and waits until the first inbox rows (not skeletons) are on screen. */
export async function openConsole(page: Page): Promise<void> {
  await page.goto(consoleUrl());
  await expect(inboxList(page).getByRole('option').first()).toHaveAttribute('id', /^row-/);
}

export function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'Views' });
}

export function inboxList(page: Page) {
  return page.getByRole('listbox', { name: /conversations$/ });
}

export function conversation(page: Page) {
  return page.getByRole('main', { name: /^Conversation: / });
}

export function customerPanel(page: Page) {
  return page.getByRole('complementary', { name: 'Customer' });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: false });
}
