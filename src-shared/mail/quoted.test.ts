import { describe, expect, it } from 'vitest';
import { splitQuoted } from './quoted';

describe('splitQuoted', () => {
  it('folds a Gmail reply at its "On … wrote:" line', () => {
    const text = [
      'Thanks, that worked! The parcel arrived this morning.',
      '',
      'Maya',
      '',
      'On Tue, 3 Nov 2026 at 10:02, Outpost Support <support@outpost.example> wrote:',
      '> Hi Maya,',
      '>',
      '> Your order #1042 is on its way with UPS.',
      '> Best, Sam',
    ].join('\n');
    expect(splitQuoted(text)).toEqual({
      body: 'Thanks, that worked! The parcel arrived this morning.\n\nMaya',
      quoted: text.slice(text.indexOf('On Tue')),
    });
  });

  it('folds an Apple Mail reply whose attribution wraps over two lines', () => {
    const text = 'Still nothing here.\n\nOn 3 Nov 2026, at 10:02, Outpost Support <support@outpost.example>\nwrote:\n\n> Hi Maya,\n> It ships tomorrow.';
    const { body, quoted } = splitQuoted(text);
    expect(body).toBe('Still nothing here.');
    expect(quoted).toMatch(/^On 3 Nov 2026/);
    expect(quoted).toContain('> It ships tomorrow.');
  });

  it('folds an Outlook "-----Original Message-----" block', () => {
    const text = [
      'Hello, can you change the size to M instead?',
      '',
      '-----Original Message-----',
      'From: Outpost Support <support@outpost.example>',
      'Sent: Tuesday, November 3, 2026 10:02 AM',
      'To: Maya Lopez <maya@example.com>',
      'Subject: RE: Order #1042',
      '',
      'Hi Maya, we can exchange it.',
    ].join('\n');
    expect(splitQuoted(text)).toEqual({ body: 'Hello, can you change the size to M instead?', quoted: text.slice(text.indexOf('-----')) });
  });

  it('folds an Outlook header block under a rule, and one without a rule', () => {
    const header = 'From: Outpost Support <support@outpost.example>\nSent: Tuesday, November 3, 2026 10:02 AM\nTo: Maya Lopez\nSubject: RE: Order #1042\n\nHi Maya, we can exchange it.';
    const ruled = splitQuoted(`Perfect, thanks.\n\n________________________________\n${header}`);
    expect(ruled.body).toBe('Perfect, thanks.');
    expect(ruled.quoted).toMatch(/^_{10,}\nFrom: Outpost/);
    expect(splitQuoted(`Perfect, thanks.\n\n${header}`)).toEqual({ body: 'Perfect, thanks.', quoted: header });
  });

  it('folds a trailing block of ">" lines and a short "-- " signature', () => {
    expect(splitQuoted('Yes please.\n\n> Shall we refund it?\n> Sam')).toEqual({ body: 'Yes please.', quoted: '> Shall we refund it?\n> Sam' });
    expect(splitQuoted('Yes please.\n-- \nMaya Lopez\nSent from my iPhone')).toEqual({ body: 'Yes please.', quoted: '-- \nMaya Lopez\nSent from my iPhone' });
  });

  it('never folds the whole message', () => {
    const onlyQuote = 'On Tue, 3 Nov 2026, Outpost <support@outpost.example> wrote:\n> Hi Maya';
    expect(splitQuoted(onlyQuote)).toEqual({ body: onlyQuote, quoted: null });
    expect(splitQuoted('> just a quote')).toEqual({ body: '> just a quote', quoted: null });
  });

  it('leaves messages alone when unsure', () => {
    const inline = 'See below.\n\n> Which size?\nM, please.\n> And the colour?\nBlue.';
    const mention = 'On Monday my sister wrote: the box was empty.\nCan you check?';
    const from = 'From: the warehouse, I guess? The label says Subject: fragile.';
    const longDivider = `Here is the list\n--\n${Array.from({ length: 12 }, (_, i) => `item ${i}`).join('\n')}`;
    for (const text of [inline, mention, from, longDivider, 'Where is my order?', '']) expect(splitQuoted(text)).toEqual({ body: text, quoted: null });
  });

  it('keeps CRLF mail working', () => {
    const { body, quoted } = splitQuoted('Great.\r\n\r\nOn Tue, 3 Nov 2026, Sam <sam@outpost.example> wrote:\r\n> Done.');
    expect(body).toBe('Great.');
    expect(quoted).toBe('On Tue, 3 Nov 2026, Sam <sam@outpost.example> wrote:\n> Done.');
  });
});
