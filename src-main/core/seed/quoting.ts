import { catalog } from './templates';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** What the customer's mail program quotes: our previous reply, when, and to whom it went. */
export interface QuotedReply {
  text: string;
  at: number;
  customerName: string;
  subject: string;
}

/**
 * About 40% of customers' email follow-ups carry our previous reply below theirs, as their mail
 * program wrote it. Decided by the message id (not the random stream) so adding quotes left every
 * other generated value as it was.
 */
export function quotesPrevious(messageId: number): boolean {
  return Math.imul(messageId, 2654435761) >>> 0 < 0.4 * 2 ** 32;
}

const pad = (n: number) => String(n).padStart(2, '0');

function gmail(q: QuotedReply): string {
  const d = new Date(q.at);
  const when = `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} at ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const quoted = q.text.split('\n').map((l) => (l === '' ? '>' : `> ${l}`));
  return [`On ${when}, ${catalog.shop.name} Support <${catalog.shop.supportEmail}> wrote:`, ...quoted].join('\n');
}

function outlook(q: QuotedReply): string {
  const d = new Date(q.at);
  const h = d.getUTCHours();
  const when = `${LONG_WEEKDAYS[d.getUTCDay()]}, ${LONG_MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
  return [
    '-----Original Message-----',
    `From: ${catalog.shop.name} Support <${catalog.shop.supportEmail}>`,
    `Sent: ${when}`,
    `To: ${q.customerName}`,
    `Subject: RE: ${q.subject}`,
    '',
    q.text,
  ].join('\n');
}

/** The customer's reply with our previous message quoted below it, Gmail-style or (one in three) Outlook-style. */
export function withQuote(reply: string, messageId: number, previous: QuotedReply): string {
  return `${reply}\n\n${messageId % 3 === 0 ? outlook(previous) : gmail(previous)}`;
}
