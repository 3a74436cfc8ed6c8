import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectApi, runConsoleToExit, startConsoleProcess, tempDir, type ConsoleProcess } from '../support/console-process';

let p: ConsoleProcess;

beforeAll(async () => {
  p = await startConsoleProcess({ dataDir: tempDir('security'), args: ['--demo-conversations', '30'] });
});
afterAll(async () => {
  await p?.stop();
});

describe('the browser console guards the API', () => {
  it('binds to loopback and puts the launch secret in the URL fragment, never the path', () => {
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('refuses a WebSocket without the secret, with a wrong one, or from another origin', async () => {
    await expect(connectApi({ port: p.port, token: '' })).rejects.toThrow(/401/);
    await expect(connectApi({ port: p.port, token: p.token.slice(0, -2) + 'xx' })).rejects.toThrow(/401/);
    await expect(connectApi(p, 'https://evil.example')).rejects.toThrow(/403/);
    const ok = await connectApi(p);
    expect((await ok.api.call('app.info', {})).totals.conversations).toBe(30);
    ok.close();
  });

  it('serves the console with a strict CSP and refuses path traversal', async () => {
    const page = await fetch(`http://127.0.0.1:${p.port}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const sneaky = await new Promise<string>((resolve) => {
      const s = net.connect(p.port, '127.0.0.1', () => s.write('GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'));
      let buf = '';
      s.on('data', (d) => {
        buf += d.toString();
        s.end();
      });
      s.on('close', () => resolve(buf));
    });
    expect(sneaky).not.toContain('root:');
  });

  it('refuses an oversized request and closes only that connection', async () => {
    const c = await connectApi(p);
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    c.ws.send('x'.repeat(2_000_000));
    expect(await closed).toBe(1009);
    const again = await connectApi(p);
    expect((await again.api.call('app.info', {})).workspace.name).not.toBe('');
    again.close();
  });

  it('says clearly when the port asked for is taken, and leaves the data alone', async () => {
    const r = await runConsoleToExit({ dataDir: tempDir('port'), env: { PORT: String(p.port) }, args: ['--port', String(p.port)] });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`Port ${p.port} is already in use`));
  });
});
