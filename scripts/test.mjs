#!/usr/bin/env node
// `npm test`: everything, in the order a failure is cheapest to read. Installs what the suites
// need on a fresh machine (Debian Chromium for Playwright, PostgreSQL for the hub suites), then
// ends with one plain line `N passed, N failed` that CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackage, ensureDovecot, postgresBinDirs } from './debian-packages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const failedSteps = [];
let passed = 0;
let failed = 0;

function step(name, command, args, env = {}) {
  process.stdout.write(`\n== ${name}: ${command} ${args.join(' ')}\n`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failedSteps.push(name);
  return r.status === 0;
}

const chromium = process.env.OUTPOST_CHROMIUM ?? '/usr/bin/chromium';
const ensureChromium = () => ensureDebianPackage('chromium', () => fs.existsSync(chromium), `Chromium for the end-to-end tests (${chromium})`, step);

function countJson(file, read) {
  try {
    const counts = read(JSON.parse(fs.readFileSync(file, 'utf8')));
    passed += counts.passed;
    failed += counts.failed;
  } catch {
    failed += 1; // No report: the runner itself broke, which counts as a failure.
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

step('lint', bin('eslint'), ['.', '--max-warnings=0']);
step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
const built = step('build', 'npm', ['run', '--silent', 'build']);

ensureDebianPackage('postgresql', () => postgresBinDirs().length > 0, 'PostgreSQL for the hub tests', step);
ensureDovecot(step);
fs.rmSync(path.join(results, 'vitest.json'), { force: true });
step('unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(results, 'vitest.json')}`]);
countJson(path.join(results, 'vitest.json'), (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }));

if (built && ensureChromium()) {
  fs.rmSync(path.join(results, 'e2e.json'), { force: true });
  step('end-to-end tests', bin('playwright'), ['test']);
  countJson(path.join(results, 'e2e.json'), (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected }));
} else {
  failedSteps.push('end-to-end tests (not run: build or Chromium missing)');
  failed += 1;
}

// Lint, typecheck, build and install failures count too, one each: the line must not read green.
failed += failedSteps.filter((s) => !s.startsWith('unit and integration') && !s.startsWith('end-to-end tests')).length;
if (failedSteps.length) process.stdout.write(`\nFailed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failedSteps.length || failed ? 1 : 0);
