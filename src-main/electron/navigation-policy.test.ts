import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isAppUrl, isPermissionAllowed } from './navigation-policy';

describe('isAppUrl', () => {
  it('accepts only pages of the bundled UI', () => {
    expect(isAppUrl('outpost://app/index.html')).toBe(true);
    expect(isAppUrl('outpost://app/index.html#/inbox')).toBe(true);
    expect(isAppUrl('outpost://other/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('externalUrlToOpen', () => {
  it('hands plain web links to the system browser', () => {
    expect(externalUrlToOpen('https://shop.example.com/orders/42?x=1')).toBe('https://shop.example.com/orders/42?x=1');
    expect(externalUrlToOpen('http://example.com')).toBe('http://example.com/');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'outpost://app/index.html',
    'https://user:secret@example.com/',
    'data:text/html,<script>1</script>',
    'not a url',
  ])('refuses %s', (url) => {
    expect(externalUrlToOpen(url)).toBeNull();
  });
});

describe('isPermissionAllowed', () => {
  it('grants notifications to our page and nothing else to anyone', () => {
    expect(isPermissionAllowed('notifications', 'outpost://app')).toBe(true);
    expect(isPermissionAllowed('notifications', 'outpost://app/index.html')).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example')).toBe(false);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid']) {
      expect(isPermissionAllowed(p, 'outpost://app')).toBe(false);
    }
  });
});
