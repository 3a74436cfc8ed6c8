import { describe, expect, it } from 'vitest';
import { hubErrorOf } from './hub-http';

describe("reading a hub's refusal", () => {
  it("keeps the hub's own kind and words", () => {
    const e = hubErrorOf(426, JSON.stringify({ error: { kind: 'outdated_client', message: 'Update Outpost to 0.3 to use this hub.' } }));
    expect(e).toMatchObject({ kind: 'outdated_client', message: 'Update Outpost to 0.3 to use this hub.', status: 426 });
  });

  it("names something else (a proxy's page) by its HTTP status", () => {
    expect(hubErrorOf(401, '<html>nope</html>')).toMatchObject({ kind: 'unauthorized', message: 'The hub answered HTTP 401: <html>nope</html>' });
    expect(hubErrorOf(502, '')).toMatchObject({ kind: 'unavailable', message: 'The hub answered HTTP 502' });
    expect(hubErrorOf(409, '{"error":{"kind":"bogus","message":"x"}}').kind).toBe('resync_required');
  });
});
