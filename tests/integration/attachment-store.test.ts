import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/core';
import { tempDir } from '../support/console-process';

describe('attachment temp files at core start', () => {
  it('removes uploads a crashed run left half-written, and keeps stored bodies', async () => {
    const dataDir = tempDir('attachment-start');
    await (await startCore({ dataDir, demoConversations: 5 })).close();
    const tmp = path.join(dataDir, 'attachments', 'tmp');
    fs.writeFileSync(path.join(tmp, 'dead-upload.part'), 'half a file');
    const body = path.join(dataDir, 'attachments', 'ab', 'ab'.padEnd(64, '0'));
    fs.mkdirSync(path.dirname(body), { recursive: true });
    fs.writeFileSync(body, 'stored');

    const lines: string[] = [];
    await (await startCore({ dataDir, log: (l) => lines.push(l) })).close();
    expect(fs.readdirSync(tmp)).toEqual([]);
    expect(fs.readFileSync(body, 'utf8')).toBe('stored');
    expect(lines).toContain('Removed 1 unfinished attachment upload(s) left by the last run.');
  });
});
