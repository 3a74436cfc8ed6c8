import { expect, test, type WebSocketRoute } from '@playwright/test';
import { consoleUrl, conversation, inboxList, openConsole, screenshot } from './console';

test('a dropped connection shows an offline banner and recovers by itself', async ({ page }) => {
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/api\?/, (ws) => {
    ws.connectToServer();
    sockets.push(ws);
  });
  await openConsole(page);

  await sockets.at(-1)?.close({ code: 1006, reason: 'the core is not reachable' });
  const banner = page.getByRole('alert').filter({ hasText: 'Offline — reconnecting' });
  await expect(banner).toBeVisible();
  await screenshot(page, 'offline-banner');

  // The backoff reconnects on its own and the inbox is still there.
  await expect(banner).toBeHidden({ timeout: 15_000 });
  expect(sockets.length).toBeGreaterThan(1);
  await expect(inboxList(page).getByRole('option').first()).toHaveAttribute('id', /^row-/);
});

test('a rejected mutation is shown with its kind and message', async ({ page }) => {
  await page.routeWebSocket(/\/api\?/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((frame) => {
      const req = JSON.parse(String(frame)) as { id: number; name: string };
      if (req.name !== 'mutate') return server.send(frame);
      // Stand in for another agent having changed the status a moment earlier.
      ws.send(JSON.stringify({ type: 'response', id: req.id, ok: false, error: { kind: 'conflict', message: 'status is pending, not open' } }));
    });
  });
  await openConsole(page);
  await inboxList(page).getByRole('option').first().click();
  const main = conversation(page);
  await main.getByLabel('Conversation status').selectOption('solved');
  const alert = main.getByRole('alert');
  await expect(alert).toContainText('Change status failed');
  await expect(alert).toContainText('conflict');
  await expect(alert).toContainText('status is pending, not open');
  await screenshot(page, 'mutation-rejected');
  await alert.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(alert).toBeHidden();
});

test('without the token the console says how to connect instead of showing a blank page', async ({ page }) => {
  const { origin } = new URL(consoleUrl());
  await page.goto(`${origin}/`);
  await expect(page.getByRole('alert').filter({ hasText: 'Not connected.' })).toContainText('#token=');
  await screenshot(page, 'no-token');
});

test('a reload without the hash keeps working from the session', async ({ page }) => {
  await openConsole(page);
  expect(page.url()).not.toContain('#token');
  await page.reload();
  await expect(inboxList(page).getByRole('option').first()).toHaveAttribute('id', /^row-/);
});
