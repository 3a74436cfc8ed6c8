import { describe, expect, it } from 'vitest';
import { attachmentDownloadPath, sanitizeFilename } from './attachments';

describe('sanitizeFilename', () => {
  it('keeps ordinary names, including non-ASCII ones', () => {
    expect(sanitizeFilename('Retourenschein März.pdf')).toBe('Retourenschein März.pdf');
  });

  it('drops directories, control characters, quotes and leading dots', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('C:\\Users\\sam\\label.pdf')).toBe('label.pdf');
    expect(sanitizeFilename('in\u0000voice\r\n".pdf')).toBe('invoice.pdf');
    expect(sanitizeFilename('.bashrc')).toBe('bashrc');
  });

  it('never returns an empty name and shortens long ones keeping the extension', () => {
    expect(sanitizeFilename('../')).toBe('attachment');
    const long = sanitizeFilename(`${'x'.repeat(300)}.jpeg`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.jpeg')).toBe(true);
  });
});

describe('attachmentDownloadPath', () => {
  it('encodes the name and the token', () => {
    expect(attachmentDownloadPath({ contentHash: 'ab', filename: 'a b&c.txt' }, 't+k')).toBe('/attachments/ab?name=a%20b%26c.txt&token=t%2Bk');
  });
});
