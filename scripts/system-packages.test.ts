import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { missingPackages, SYSTEM_BINARIES, systemBinary } from './system-packages.mjs';

const root = path.resolve(import.meta.dirname, '..');
afterEach(() => vi.unstubAllEnvs());

describe('systemBinary', () => {
  it('gives the path of a program that is there', () => {
    vi.stubEnv('OUTPOST_CHROMIUM', process.execPath);
    expect(systemBinary('chromium')).toBe(process.execPath);
  });

  it('fails on a missing program with its Debian package and how to install it, never quietly', () => {
    vi.stubEnv('OUTPOST_CHROMIUM', '/nonexistent/chromium');
    expect(() => systemBinary('chromium')).toThrow(/\/nonexistent\/chromium does not exist\. It comes with the Debian package chromium\. .*apt-get install -y chromium/);
    expect(missingPackages()).toContain('chromium');
  });

  it('names each missing package once, however many of its programs are missing', () => {
    vi.stubEnv('OUTPOST_PG_BIN', '/nonexistent/pg/bin');
    expect(() => systemBinary('initdb')).toThrow(/Debian package postgresql/);
    expect(missingPackages().filter((p) => p === 'postgresql')).toEqual(['postgresql']);
  });

  it('refuses a program it does not know, so a new one gets added to the list', () => {
    expect(() => systemBinary('xvfb' as never)).toThrow(/add it to SYSTEM_BINARIES/);
  });
});

// Guards on the tree: the order bug of issue 10 (a suite that used Chromium before anything had
// installed it) cannot come back if no code outside system-packages.mjs looks for a system program
// or installs one, and npm test installs them all before its first suite.
describe('the one place that knows the system programs', () => {
  const sourceFiles = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(rel);
      return /\.(ts|tsx|mts|mjs|js|cjs)$/.test(e.name) ? [rel] : [];
    });
  const files = [...['src-main', 'src-server', 'src-shared', 'src-renderer', 'tests', 'bench', 'scripts'].flatMap(sourceFiles), 'playwright.config.ts', 'vitest.config.ts'].filter(
    (f) => f !== path.join('scripts', 'system-packages.mjs') && f !== path.join('scripts', 'system-packages.test.ts'),
  );
  const programPaths = Object.values(SYSTEM_BINARIES).map((b) => b.path());

  it('no other file names a system program by path or runs apt', () => {
    const offenders = files.flatMap((f) => {
      const text = fs.readFileSync(path.join(root, f), 'utf8').replace(/^#!.*\n/, '');
      const found = [
        ...programPaths.filter((p) => text.includes(p)),
        ...(text.match(/['"`]\/usr\/(s?bin|lib\/(dovecot|postgresql))\/[^'"`]*['"`]/g) ?? []),
        ...(/\bapt-get\b['"`]|['"`]apt(-get)? install/.test(text) ? ['apt-get'] : []),
      ];
      return found.length ? [`${f}: ${[...new Set(found)].join(', ')}`] : [];
    });
    expect(offenders).toEqual([]);
  });

  it('npm test starts installing before its first step and waits for it before the first suite', () => {
    const script = fs.readFileSync(path.join(root, 'scripts/test.mjs'), 'utf8');
    const at = (s: string) => {
      const i = script.indexOf(s);
      expect(i, s).toBeGreaterThan(-1);
      return i;
    };
    expect(at('installSystemPackages(')).toBeLessThan(at("step('lint'"));
    expect(at('await systemPackages')).toBeLessThan(at("step('unit and integration tests'"));
    expect(at('await systemPackages')).toBeLessThan(at("step('end-to-end tests'"));
  });
});
