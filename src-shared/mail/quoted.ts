/**
 * Splits an email's own words from the history it quotes, so a thread shows each reply once.
 * Conservative on purpose: a marker must look exactly like what Gmail, Apple Mail or Outlook
 * write, the quoted part must run to the end of the message, and the body is never empty.
 */
export interface SplitEmail {
  body: string;
  quoted: string | null;
}

/** Gmail / Apple Mail: "On Tue, 3 Nov 2026, Outpost <support@…> wrote:", sometimes wrapped over two lines. */
const ATTRIBUTION = /^(On|Le|Am|El|Op) .{4,240}(wrote|a écrit|schrieb|escribió|schreef):\s*$/;
const ORIGINAL_MESSAGE = /^-{2,}\s*(Original Message|Forwarded message)\s*-{2,}\s*$/i;
const OUTLOOK_RULE = /^_{10,}\s*$/;
const HEADER = /^\*?(From|Sent|Date|To|Cc|Subject):\*?\s/i;
const SIGNATURE = /^-- ?$/;
/** A signature longer than this is probably not one (someone typed "--" as a divider). */
const MAX_SIGNATURE_LINES = 8;

const isQuoteLine = (line: string) => line.startsWith('>');
const isBlank = (line: string) => line.trim() === '';

/** "From: …" followed closely by "Sent:"/"Date:" and "Subject:": the header Outlook puts above a quoted message. */
function isOutlookHeader(lines: string[], i: number): boolean {
  if (!/^\*?From:\*?\s/i.test(lines[i] ?? '')) return false;
  const next: string[] = [];
  for (let j = i + 1; j < lines.length && HEADER.test(lines[j]!); j++) next.push(lines[j]!);
  return next.some((l) => /^\*?(Sent|Date):\*?\s/i.test(l)) && next.some((l) => /^\*?Subject:\*?/i.test(l));
}

/** Everything after `from` is ">" lines or blank, with at least one ">" line. */
function quotesToEnd(lines: string[], from: number): boolean {
  const rest = lines.slice(from);
  return rest.some(isQuoteLine) && rest.every((l) => isQuoteLine(l) || isBlank(l));
}

/** The line where the quoted history starts, or -1. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (ATTRIBUTION.test(line) && quotesToEnd(lines, i + 1)) return i;
    // Wrapped attribution: "On …, Outpost <support@…>" / "wrote:".
    if (/^On /.test(line) && /^.{0,80}wrote:\s*$/.test(lines[i + 1] ?? '') && ATTRIBUTION.test(`${line} ${lines[i + 1]!.trim()}`) && quotesToEnd(lines, i + 2)) return i;
    if (ORIGINAL_MESSAGE.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER.test(l))) return i;
    if (OUTLOOK_RULE.test(line) && isOutlookHeader(lines, i + 1)) return i;
    if (isOutlookHeader(lines, i)) return i;
    if (isQuoteLine(line) && quotesToEnd(lines, i)) return i;
    if (SIGNATURE.test(line) && lines.length - i - 1 <= MAX_SIGNATURE_LINES && lines.length - i > 1) return i;
  }
  return -1;
}

export function splitQuoted(text: string): SplitEmail {
  const lines = text.split(/\r?\n/);
  const start = quoteStart(lines);
  if (start <= 0) return { body: text, quoted: null };
  const body = lines.slice(0, start).join('\n').trimEnd();
  const quoted = lines.slice(start).join('\n').trim();
  if (body.trim() === '' || quoted === '') return { body: text, quoted: null };
  return { body, quoted };
}
