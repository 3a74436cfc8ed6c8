import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, contentTypeFor, resolveAppFile } from './app-url';

const root = path.resolve('/srv/outpost/dist/renderer');

describe('resolveAppFile', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppFile(APP_ENTRY_URL, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('outpost://app/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('outpost://app', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('outpost://app/assets/index-abc.js?v=1#x', root)).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile('outpost://app/assets/my%20font.woff2', root)).toBe(path.join(root, 'assets', 'my font.woff2'));
  });

  it('keeps plain and encoded dot segments at the root, as the URL parser clamps them', () => {
    expect(resolveAppFile('outpost://app/../main/main.cjs', root)).toBe(path.join(root, 'main', 'main.cjs'));
    expect(resolveAppFile('outpost://app/a/%2e%2e/%2E%2E/main.cjs', root)).toBe(path.join(root, 'main.cjs'));
  });

  it.each([
    'outpost://app/assets/%2E%2E%2F%2E%2E%2Fcore%2Futility.mjs',
    'outpost://app/..%2f..%2fpackage.json',
    'outpost://app/..%5c..%5cpackage.json',
    'outpost://app/assets%5c..%5c..%5cmain.cjs',
    'outpost://app/index.html%00.png',
    'outpost://app/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });

  it('refuses other schemes and hosts', () => {
    expect(resolveAppFile('file:///etc/passwd', root)).toBeNull();
    expect(resolveAppFile('https://app/index.html', root)).toBeNull();
    expect(resolveAppFile('outpost://evil/index.html', root)).toBeNull();
    expect(resolveAppFile('not a url', root)).toBeNull();
  });

  it('never resolves to a sibling folder that shares the prefix', () => {
    expect(resolveAppFile('outpost://app/..%2frenderer-secrets/x', root)).toBeNull();
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only our own origin and forbids plugins, base rewriting and framing', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('img-src')).toBe("'self' data: https:");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });
});

describe('contentTypeFor', () => {
  it('names the types the UI build produces', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/a.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('/x/a.bin')).toBe('application/octet-stream');
  });
});
