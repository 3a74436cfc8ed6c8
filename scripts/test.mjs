#!/usr/bin/env node
// `npm test`: everything, in the order a failure is cheapest to read, ending with one plain line
// `N passed, N failed` that CI reads. Every system package a suite needs (scripts/system-packages.mjs)
// is installed first, beside lint, typecheck and build, and before any suite starts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installSystemPackages } from './system-packages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const failedSteps = [];
const timings = [];
let passed = 0;
let failed = 0;

const seconds = (since) => Math.round((performance.now() - since) / 100) / 10;

function step(name, command, args) {
  process.stdout.write(`\n== ${name}: ${command} ${args.join(' ')}\n`);
  const started = performance.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  timings.push({ step: name, seconds: seconds(started) });
  if (r.status !== 0) failedSteps.push(name);
  return r.status === 0;
}

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

// apt works while the CPU lints and builds; no suite starts before it is done.
const aptLog = path.join(results, 'system-packages.log');
fs.rmSync(aptLog, { force: true });
const systemPackages = installSystemPackages({ logFile: aptLog });

step('lint', bin('eslint'), ['.', '--max-warnings=0']);
step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
const built = step('build', 'npm', ['run', '--silent', 'build']);

const waitStarted = performance.now();
const system = await systemPackages;
const waited = seconds(waitStarted);
timings.push({ step: `system packages${system.packages.length ? ` (${system.packages.join(' ')})` : ''}, beside the steps above`, seconds: system.seconds });
process.stdout.write(`\n== system packages: ${system.packages.length ? `installed ${system.packages.join(' ')} in ${system.seconds} s (apt's output: ${path.relative(root, aptLog)})` : 'all present'}\n`);
if (!system.ok) {
  process.stdout.write(`${system.problem}\n`);
  failedSteps.push('system packages');
}
timings.push({ step: 'waited for system packages after the build', seconds: waited });

fs.rmSync(path.join(results, 'vitest.json'), { force: true });
step('unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(results, 'vitest.json')}`]);
countJson(path.join(results, 'vitest.json'), (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }));

if (built) {
  fs.rmSync(path.join(results, 'e2e.json'), { force: true });
  step('end-to-end tests', bin('playwright'), ['test']);
  countJson(path.join(results, 'e2e.json'), (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected }));
} else {
  failedSteps.push('end-to-end tests (not run: the build failed)');
  failed += 1;
}

// Where the time went, for whoever makes the suite faster next.
process.stdout.write('\n== time by step\n');
for (const t of timings) process.stdout.write(`${String(t.seconds).padStart(8)} s  ${t.step}\n`);
fs.writeFileSync(path.join(results, 'timings.json'), JSON.stringify(timings, null, 2));

// Lint, typecheck, build and install failures count too, one each: the line must not read green.
failed += failedSteps.filter((s) => !s.startsWith('unit and integration') && !s.startsWith('end-to-end tests')).length;
if (failedSteps.length) process.stdout.write(`\nFailed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failedSteps.length || failed ? 1 : 0);
