import type Database from 'better-sqlite3';
import { escapeHtml } from '../../../src-shared/mail/markup';
import { MINUTE } from './mix';

/**
 * What the email channel shows that plain generated threads do not: a customer's HTML email with
 * a remote image (the sandboxed viewer and "Load images"), a reply the receiving server refused
 * (its reason and Retry), and an out-of-office answer that did not reopen the conversation.
 * Picked from the seeded rows by fixed rules, so the same seed gives the same demo.
 */
export function seedMailShowcase(client: Database.Database, now: number, nextMessageId: () => number): void {
  const pick = <T>(sql: string, offset = 0) => client.prepare(`${sql} LIMIT 1 OFFSET ?`).get(offset) as T | undefined;

  // The first message of the newest open email conversation, as the customer's mail program sent it.
  const html = pick<{ id: number; text: string }>(
    `SELECT m.id, m.text FROM conversation c JOIN message m ON m.id = (SELECT min(id) FROM message WHERE conversation_id = c.id AND direction = 'inbound')
     WHERE c.channel = 'email' AND c.status = 'open' ORDER BY c.last_activity_at DESC, c.id`,
  );
  if (html) client.prepare('UPDATE message SET html = ? WHERE id = ?').run(customerHtml(html.text, html.id), html.id);

  // Pending email conversations whose last word is ours: the newest one's reply bounced at the
  // customer's server; in the next one, the customer's out-of-office answered our reply.
  const awaiting = `SELECT c.id, m.id AS messageId, m.created_at AS at,
      (SELECT value FROM customer_identity i WHERE i.customer_id = c.customer_id AND i.kind = 'email' ORDER BY i.id LIMIT 1) AS address
    FROM conversation c JOIN message m ON m.id = (SELECT id FROM message WHERE conversation_id = c.id ORDER BY created_at DESC, id DESC LIMIT 1)
    WHERE c.channel = 'email' AND c.status = 'pending' AND m.direction = 'outbound' AND address IS NOT NULL
    ORDER BY c.last_activity_at DESC, c.id`;
  type Awaiting = { id: number; messageId: number; at: number; address: string };
  const refused = pick<Awaiting>(awaiting);
  if (refused) {
    client
      .prepare("UPDATE message SET delivery_status = 'failed', delivery_error = ? WHERE id = ?")
      .run(`550 5.1.1 <${refused.address}>: Recipient address rejected: User unknown in virtual mailbox table`, refused.messageId);
  }
  const away = pick<Awaiting>(awaiting, 1);
  if (away) {
    const name = away.address.slice(0, away.address.indexOf('@')).split(/[._-]/)[0] ?? '';
    const first = name.charAt(0).toUpperCase() + name.slice(1);
    const id = nextMessageId();
    const text = `Thank you for your email. I am out of the office with limited access to email and will reply when I am back.\n\nKind regards,\n${first}`;
    const at = Math.min(away.at + 2 * MINUTE, now);
    client
      .prepare(
        `INSERT INTO message (id, conversation_id, direction, channel, author_agent_id, text, html, attachments_json, external_id, delivery_status, created_at, thread_reason, auto_kind)
         VALUES (?, ?, 'inbound', 'email', NULL, ?, NULL, '[]', ?, 'received', ?, ?, 'auto-reply')`,
      )
      .run(
        id,
        away.id,
        text,
        `<auto-reply.${id}@mail.example>`,
        at,
        'Automatic reply (Auto-Submitted: auto-replied); In-Reply-To names our reply',
      );
    // Listed with its newest message like any thread, but still pending: it did not reopen it.
    client.prepare('UPDATE conversation SET message_count = message_count + 1, preview = ?, last_activity_at = max(last_activity_at, ?) WHERE id = ?').run(text.slice(0, 140), at, away.id);
  }
}

/** A plain-text email as an HTML mail program would send it, with a photo hosted elsewhere. */
function customerHtml(text: string, id: number): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
  return (
    `<div style="font-family:Helvetica,Arial,sans-serif;font-size:15px;color:#222">${paragraphs}` +
    `<p><img src="https://photos.mailcdn.example/u/${id}/IMG_2041.jpg" alt="Photo of the parcel" width="420"></p>` +
    '<p style="color:#888;font-size:12px">Sent from my iPhone</p></div>'
  );
}
