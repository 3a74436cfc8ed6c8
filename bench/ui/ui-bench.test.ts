import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-ui-bench-test-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const latencyShape = { n: expect.any(Number), p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) };

// Checks that every figure is produced in Chromium, never how fast: speed is read from the report.
it('runs the UI bench in quick mode and reports every figure', () => {
  const out = path.join(outDir, 'ui.json');
  const r = spawnSync('npx', ['tsx', 'bench/run.ts', 'ui', '--quick', '--out', out], { cwd: repoRoot, encoding: 'utf8', timeout: 280_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/cold start to interactive inbox/);

  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  expect(result).toMatchObject({ bench: 'ui', quick: true, browser: expect.any(String) });
  expect(result.machine).toMatchObject({ cpuModel: expect.any(String), cores: expect.any(Number), node: process.version });
  expect(result.replica.conversations).toBe(3_000);
  expect(result.replica.messages).toBeGreaterThan(3_000);
  expect(result.coldStart.runs).toHaveLength(2);
  expect(result.coldStart).toMatchObject({ p50Ms: expect.any(Number), maxMs: expect.any(Number) });
  expect(result.switching).toMatchObject({ ...latencyShape, n: 12 });
  expect(result.search).toMatchObject(latencyShape);
  expect(result.search.n).toBe(result.search.queries);
  expect(result.search.n).toBeGreaterThanOrEqual(20);
  expect(result.scroll).toMatchObject({ view: 'Closed', longTasks: expect.any(Number), longestTaskMs: expect.any(Number), longestFrameMs: expect.any(Number) });
  expect(result.scroll.scrolledRows).toBeGreaterThan(500);
  expect(result.targets).toEqual({ interactiveMs: 1500, switchP95Ms: 50, searchP95Ms: 100, scrollLongestTaskMs: 50 });
}, 300_000);
