import type { AutoKind } from '../../../../src-shared/domain';
import type { EmailFacts } from './parse-email';

/** Mail no person wrote: stored on its conversation, but it never reopens, wakes or rates it. */
export interface Automated {
  kind: AutoKind;
  /** Which header or sign gave it away, for the message's thread reason. */
  sign: string;
}

const DAEMON_SENDER = /^(mailer-daemon|postmaster|mail-daemon)@/i;
const BOUNCE_SUBJECT = /^(undeliverable|undelivered mail|delivery status notification \(failure\)|mail delivery failed|returned mail|failure notice)\b/i;

/**
 * RFC 3834 (Auto-Submitted), RFC 3464 (multipart/report delivery-status) and the headers common
 * mail systems add in their stead (X-Autoreply, X-Autorespond, Precedence, Microsoft's
 * X-Auto-Response-Suppress is NOT one: Outlook puts it on ordinary mail too).
 */
export function detectAutomated(mail: EmailFacts): Automated | null {
  const h = (name: string) => mail.headers.get(name)?.trim().toLowerCase() ?? '';
  if (mail.contentType.startsWith('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(mail.contentType)) {
    return { kind: 'bounce', sign: 'Content-Type: multipart/report; report-type=delivery-status' };
  }
  if (mail.from && DAEMON_SENDER.test(mail.from.address)) return { kind: 'bounce', sign: `From: ${mail.from.address}` };
  if (BOUNCE_SUBJECT.test(mail.subject) && h('return-path') === '<>') return { kind: 'bounce', sign: `Subject: ${mail.subject} with an empty Return-Path` };
  const submitted = h('auto-submitted');
  if (submitted !== '' && submitted !== 'no') return { kind: 'auto-reply', sign: `Auto-Submitted: ${submitted}` };
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    if (h(name) !== '' && h(name) !== 'no') return { kind: 'auto-reply', sign: `${name}: ${h(name)}` };
  }
  const precedence = h('precedence');
  if (precedence === 'bulk' || precedence === 'auto_reply' || precedence === 'junk' || precedence === 'list') return { kind: 'auto-reply', sign: `Precedence: ${precedence}` };
  return null;
}
