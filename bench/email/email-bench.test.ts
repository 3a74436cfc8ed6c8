import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-email-bench-test-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

// Checks that every figure is produced from a real Dovecot, hub and desktop, never how fast: speed is read from the report.
it('runs the email bench on a small mailbox and reports every figure', () => {
  const out = path.join(outDir, 'email.json');
  const r = spawnSync('npx', ['tsx', 'bench/run.ts', 'email', '--messages', '300', '--arrivals', '5', '--out', out], { cwd: repoRoot, encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/hub \(sqlite\) → desktop/);

  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  expect(result).toMatchObject({ bench: 'email', messages: 300, arrivals: 5, targets: { rateVsMbsync: 0.7, arrivalP95Ms: 1_500 } });
  expect(result.fill).toMatchObject({ messages: 300, messagesPerSec: expect.any(Number) });
  expect(result.fill.bytes).toBeGreaterThan(300 * 1_500);
  expect(result.mbsync).toMatchObject({ messages: 300, version: expect.stringMatching(/isync/) });
  const sqlite = result.results.sqlite;
  expect(sqlite.initialSync).toMatchObject({ messages: 300, messagesPerSec: expect.any(Number), hubIngestSeconds: expect.any(Number), hubCpuSeconds: expect.any(Number), firstMessageSeconds: expect.any(Number) });
  // Replies thread into their conversations: fewer conversations than messages, and several customers.
  expect(sqlite.initialSync.conversations).toBeLessThan(300);
  expect(sqlite.initialSync.customers).toBeGreaterThan(10);
  expect(sqlite.initialSync.hubPeakRssMB).toBeGreaterThan(20);
  expect(sqlite.rateVsMbsync).toBeGreaterThan(0);
  expect(sqlite.arrivalMs).toMatchObject({ n: 5, p50: expect.any(Number), p95: expect.any(Number) });
});
