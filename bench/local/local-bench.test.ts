import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-test-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const latencyShape = { n: expect.any(Number), p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) };

// Checks that every figure is produced, never how fast: speed is read from the report, not asserted.
it('runs the local bench in quick mode and reports every figure', () => {
  const out = path.join(outDir, 'local.json');
  const r = spawnSync('npx', ['tsx', 'bench/run.ts', 'local', '--quick', '--out', out], { cwd: repoRoot, encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/inbox page \(open\)/);

  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  expect(result.conversations).toBe(5_000);
  expect(result.machine).toMatchObject({ cpuModel: expect.any(String), cores: expect.any(Number), node: process.version, date: expect.any(String) });
  expect(result.seed.conversations).toBe(5_000);
  expect(result.seed.messages).toBeGreaterThan(20_000);
  expect(result.seed.conversationsPerSec).toBeGreaterThan(0);
  expect(result.seed.messagesPerSec).toBeGreaterThan(0);
  expect(Object.keys(result.inbox.views).sort()).toEqual(['category:shipping_status', 'channel:email', 'mine', 'open', 'unassigned']);
  for (const l of Object.values(result.inbox.views)) expect(l).toMatchObject({ ...latencyShape, n: 200 });
  expect(result.open).toMatchObject(latencyShape);
  expect(result.open.n).toBeGreaterThanOrEqual(200);
  expect(Object.keys(result.search.api.queries).length).toBeGreaterThanOrEqual(20);
  for (const l of Object.values(result.search.api.queries)) expect((l as { n: number }).n).toBeGreaterThanOrEqual(10);
  expect(Object.keys(result.search.raw.queries)).toEqual(Object.keys(result.search.api.queries));
  expect(result.search.raw.all).toMatchObject(latencyShape);
  expect(result.disk.dbBytes).toBeGreaterThan(0);
  expect(result.disk.totalBytes).toBe(result.disk.dbBytes + result.disk.walBytes);
  expect(result.coreRssBytes).toBeGreaterThan(10 * 1024 * 1024);
  expect(result.targets).toEqual({ inboxP95Ms: 10, openP95Ms: 20, searchP95Ms: 50, coreRssMb: 400 });
});

it('names the known benchmarks when given an unknown one', () => {
  const r = spawnSync('npx', ['tsx', 'bench/run.ts', 'nope'], { cwd: repoRoot, encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/unknown benchmark "nope"; known: local/);
});
