import { expect, test, type Page } from '@playwright/test';
import { splitQuoted } from '../../src-shared/mail/quoted';
import { connectApi, type ApiConnection } from '../support/console-process';
import { consoleUrl, conversation, inboxList, openConsole, screenshot } from './console';

const DAY = 24 * 60 * 60 * 1000;

/** The same API the console uses, for test set-up: the token is in the console URL's fragment. */
async function connect(): Promise<ApiConnection> {
  const url = new URL(consoleUrl());
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  return connectApi({ port: Number(url.port), token });
}

async function subjectOf(page: Page): Promise<string> {
  return (await conversation(page).getByRole('heading', { level: 2 }).textContent()) ?? '';
}

test('a full reply cycle with the keyboard alone', async ({ page }) => {
  await openConsole(page);
  const list = inboxList(page);
  const rows = list.getByRole('option');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  const chosen = (await rows.nth(1).getAttribute('aria-label'))!;
  await expect(conversation(page)).toHaveAccessibleName(`Conversation: ${chosen.slice(chosen.indexOf(': ') + 2)}`);
  const firstSubject = await subjectOf(page);

  await page.keyboard.press('r');
  const replyBox = conversation(page).getByRole('textbox', { name: 'Reply text' });
  await expect(replyBox).toBeFocused();
  const text = `Thanks for waiting — your parcel is on its way (${Date.now()}).`;
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
  await expect(conversation(page).getByRole('listitem', { name: /^Reply by / }).filter({ hasText: text })).toBeVisible();
  await expect(replyBox).toHaveValue('');

  // Leave the composer, solve: the next conversation opens and focus is back on the list.
  await page.keyboard.press('Escape');
  await expect(list).toBeFocused();
  await page.keyboard.press('e');
  await expect(conversation(page)).not.toHaveAccessibleName(`Conversation: ${firstSubject}`);
  await expect(list).toBeFocused();
  await expect(list.locator('[aria-current="true"]')).toHaveCount(1);

  // The solved one is in Solved, with the reply.
  const api = await connect();
  try {
    const solved = await api.api.call('search.query', { q: text.slice(0, 30), limit: 5, filters: { status: 'solved' } });
    expect(solved.hits.map((h) => h.subject)).toContain(firstSubject);
  } finally {
    api.close();
  }

  // The cheat sheet lists every shortcut; Esc closes it and focus returns to the list.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.getByText('Solve and open the next')).toBeVisible();
  await screenshot(page, 'keyboard-cheatsheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(list).toBeFocused();

  // The palette runs a command by name: "go mine".
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.type('go to mine');
  await expect(palette.getByRole('option').first()).toHaveText(/Go to Mine/);
  await screenshot(page, 'keyboard-palette');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Mine' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { level: 1, name: 'All open' })).toBeVisible();
  await expect(list).toBeFocused();
  await screenshot(page, 'keyboard-reply-cycle');
});

test('find an old conversation by a phrase from its middle', async ({ page }) => {
  const api = await connect();
  let phrase: string;
  let subject: string;
  try {
    // An old closed conversation: from the end of the Closed view, last activity 2–11 months ago.
    const closed = { kind: 'status', status: 'closed' } as const;
    const { total } = await api.api.call('inbox.list', { view: closed, limit: 1 });
    let pick: { id: number; subject: string } | undefined;
    for (let offset = Math.floor(total / 2); offset < total && !pick; offset += 100) {
      const { rows } = await api.api.call('inbox.list', { view: closed, offset, limit: 100 });
      pick = rows.find((r) => Date.now() - r.lastActivityAt > 60 * DAY && Date.now() - r.lastActivityAt < 330 * DAY && r.messageCount >= 3);
    }
    expect(pick, 'an old closed conversation').toBeDefined();
    const detail = await api.api.call('conversation.get', { id: pick!.id });
    // The customer's own words: a quoted reply would match our earlier message too.
    const body = detail.messages.filter((m) => m.direction === 'inbound').map((m) => splitQuoted(m.text).body).sort((a, b) => b.length - a.length)[0]!;
    const words = body.split(/\s+/).filter((w) => /^[\p{L}']+$/u.test(w));
    const mid = Math.floor(words.length / 2) - 2;
    phrase = words.slice(mid, mid + 4).join(' ');
    subject = pick!.subject;
  } finally {
    api.close();
  }

  await openConsole(page);
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search conversations' });
  await expect(box).toBeFocused();
  await page.keyboard.type(phrase);
  const results = page.getByRole('region', { name: 'Search results' });
  await results.getByRole('combobox', { name: 'Date filter' }).selectOption({ label: 'Last year' });
  await results.getByRole('combobox', { name: 'Status filter' }).selectOption({ label: 'Closed' });
  await expect(results.getByText(/^\d+ results? in \d+ ms$/)).toBeVisible();
  const hit = results.getByRole('button').filter({ hasText: subject });
  await expect(hit.first()).toBeVisible();
  await screenshot(page, 'search-filtered-results');
  await hit.first().click();

  await expect(conversation(page).getByRole('heading', { level: 2 })).toHaveText(subject);
  const marks = conversation(page).locator('.thread mark');
  await expect(marks.first()).toBeVisible();
  // The phrase itself is marked as one piece, where it sits in the message.
  const marked = (await marks.allTextContents()).map((t) => t.toLowerCase().replace(/\s+/g, ' '));
  expect(marked).toContain(phrase.toLowerCase());
  await expect(marks.filter({ hasText: phrase }).first()).toBeInViewport();
  await screenshot(page, 'search-old-conversation');
});
