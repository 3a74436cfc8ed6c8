import { expect, test, type Page } from '@playwright/test';
import { conversation } from './console';
import { firstRowId, openConsoleAt, openConversation, screenshotBothThemes, startTeam, syncIndicator, type Team } from './sync-team';

/**
 * Two agents on one team hub, each in their own console: Priya joins from her solo desktop
 * through the Team hub dialog, Tomás's desktop is set up for the team. They see each other in
 * a conversation, see who is typing, and see each other's replies.
 */
let team: Team;
let priya: Page;
let tomas: Page;
/** Priya's solo workspace as the sidebar counted it before she joined. */
let soloOpen: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }, info) => {
  info.setTimeout(120_000);
  team = await startTeam();
  const [solo, member] = await Promise.all([team.console(), team.console({ agent: team.agent('Tomás Herrera') })]);
  [priya, tomas] = await Promise.all([openConsoleAt(browser, solo.url), openConsoleAt(browser, member.url)]);
});

const allOpen = (page: Page) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^All open/ });

test.afterAll(async () => {
  await priya?.context().close();
  await tomas?.context().close();
  await team?.close();
});

test('joining the team from the Team hub dialog, with clear errors first', async () => {
  await expect(syncIndicator(priya)).toContainText('On this computer');
  soloOpen = (await allOpen(priya).textContent()) ?? '';

  // Keyboard first: the palette finds the dialog.
  await priya.keyboard.press('Control+k');
  await priya.getByRole('combobox', { name: 'Type a command or a conversation' }).fill('team hub');
  await priya.keyboard.press('Enter');
  const dialog = priya.getByRole('dialog', { name: 'Connect to a team hub' });
  await expect(dialog).toContainText('Your solo workspace stays on this computer');
  await expect(dialog.getByLabel('Hub address')).toBeFocused();

  // Nothing filled in: each field says what it needs, and nothing is sent.
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog.getByText('Enter the hub’s full address')).toBeVisible();
  await expect(dialog.getByLabel('Hub address')).toBeFocused();

  const me = team.agent('Priya Raman');
  // Nobody listens on port 9 of loopback: unreachable, said as such.
  await dialog.getByLabel('Hub address').fill('http://127.0.0.1:9');
  await dialog.getByLabel('Email').fill(me.email);
  await dialog.getByLabel('Password').fill(me.password);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Cannot reach the hub');
  await expect(dialog.getByLabel('Hub address')).toBeFocused();

  await dialog.getByLabel('Hub address').fill(team.hub.url);
  await dialog.getByLabel('Password').fill('not her password');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('The hub did not accept this sign-in');
  await expect(dialog.getByLabel('Password')).toBeFocused();
  await expect(dialog.getByLabel('Password')).toHaveValue('');
  await screenshotBothThemes(priya, 'sync-connect-error');

  await dialog.getByLabel('Password').fill(me.password);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  const connected = priya.getByRole('dialog', { name: 'Team hub' });
  await expect(connected.getByRole('status').filter({ hasText: 'Connected to 127.0.0.1' })).toBeVisible({ timeout: 20_000 });
  await expect(connected).toContainText(`Priya Raman (${me.email})`);
  await expect(connected).toContainText(team.hub.url);
  await screenshotBothThemes(priya, 'sync-connected');
  await connected.getByRole('button', { name: 'Close Team hub' }).click();

  await expect(syncIndicator(priya)).toContainText('Synced');
  await expect(priya.getByRole('navigation', { name: 'Views' })).toContainText('Priya Raman');
  // Both consoles now list the team's conversations, the same rows in the same order.
  await expect.poll(() => firstRowId(priya)).toBe(await firstRowId(tomas));
});

test('each sees the other in the conversation, who is typing, and a reply sent meanwhile', async () => {
  const id = await firstRowId(tomas);
  await openConversation(tomas, id);
  await openConversation(priya, id);

  const atTomas = conversation(tomas);
  const atPriya = conversation(priya);
  await expect(atTomas.getByRole('listitem', { name: 'Priya Raman, viewing' })).toBeVisible();
  await expect(atPriya.getByRole('listitem', { name: 'Tomás Herrera, viewing' })).toBeVisible();

  const reply = `Your replacement strap ships today (e2e ${Date.now()})`;
  await atPriya.getByLabel('Reply text').pressSequentially('Your replacement', { delay: 20 });
  await expect(atTomas.getByRole('status').filter({ hasText: 'Priya is typing a reply…' })).toBeVisible();
  await expect(atTomas.getByRole('listitem', { name: 'Priya Raman, typing a reply' })).toBeVisible();
  await screenshotBothThemes(tomas, 'sync-typing');

  await atPriya.getByLabel('Reply text').fill(reply);
  await atPriya.getByRole('button', { name: 'Send reply' }).click();
  // The send is held five seconds for Undo, then it reaches the hub and Tomás's console.
  await expect(atTomas.getByRole('listitem', { name: /^Reply by Priya Raman/ }).filter({ hasText: reply })).toBeVisible({ timeout: 20_000 });
  const warning = atTomas.getByRole('status').filter({ hasText: 'Priya replied' });
  await expect(warning).toContainText('read it before sending');
  await expect(atTomas.getByText('Priya is typing a reply…')).toBeHidden();
  await screenshotBothThemes(tomas, 'sync-replied-meanwhile');

  await warning.getByRole('button', { name: 'Show reply' }).click();
  await expect(warning).toBeHidden();
  await expect(atPriya.getByRole('listitem', { name: /^Reply by Priya Raman/ }).filter({ hasText: reply })).toBeVisible();
  await expect(atPriya.getByRole('status').filter({ hasText: 'replied' })).toHaveCount(0);
});

test('leaving a conversation ends the presence the other console shows', async () => {
  const atTomas = conversation(tomas);
  await expect(atTomas.getByRole('listitem', { name: 'Priya Raman, viewing' })).toBeVisible();
  const second = await tomas.locator('[id^=row-]').nth(1).getAttribute('id');
  await openConversation(priya, Number(second?.replace('row-', '')));
  await expect(atTomas.getByRole('list', { name: /^Also here/ })).toBeHidden();
});

test('disconnecting says what happens and brings back the solo workspace', async () => {
  await openConversation(priya, await firstRowId(tomas));
  const herAvatar = conversation(tomas).getByRole('listitem', { name: 'Priya Raman, viewing' });
  await expect(herAvatar).toBeVisible();

  await syncIndicator(priya).click();
  const dialog = priya.getByRole('dialog', { name: 'Team hub' });
  await dialog.getByRole('button', { name: 'Disconnect…' }).click();
  const confirm = dialog.getByRole('group', { name: 'Confirm disconnect' });
  await expect(confirm).toContainText('goes back to your solo workspace on this computer');
  await confirm.getByRole('button', { name: 'Stay connected' }).click();
  await expect(syncIndicator(priya)).toContainText('Synced');

  await dialog.getByRole('button', { name: 'Disconnect…' }).click();
  await confirm.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(priya.getByRole('dialog', { name: 'Connect to a team hub' })).toBeVisible({ timeout: 20_000 });
  await priya.keyboard.press('Escape');
  await expect(syncIndicator(priya)).toContainText('On this computer');
  await expect(allOpen(priya)).toHaveText(soloOpen);
  // She left the team's hub: Tomás no longer sees her in the conversation.
  await expect(herAvatar).toBeHidden();
});
