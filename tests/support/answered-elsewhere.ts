/**
 * A thread an agent answered from their own mail program, for the mail team hub's mailbox: the
 * customer's question (INBOX) and the shop's answer (Sent only). Kept apart from mail-team-hub.ts
 * so Playwright specs can read it without loading the hub and its seed data.
 */
export const ANSWERED_ELSEWHERE = { subject: 'Can I change my delivery address?', customer: 'Hana Sato', answer: 'Done: your parcel now goes to 4 Elm Row.' };

/** The question and, an hour later, the shop's answer sent from Outlook (so only in Sent). */
export function answeredElsewhere(address: string, now: number): { inbox: { raw: string; at: Date }; sent: { raw: string; at: Date } } {
  const mail = (from: string, to: string, subject: string, at: number, id: string, body: string, inReplyTo?: string) => ({
    at: new Date(at),
    raw: [`From: ${from}`, `To: ${to}`, `Subject: ${subject}`, `Date: ${new Date(at).toUTCString()}`, `Message-ID: <${id}@mail.example>`, ...(inReplyTo ? [`In-Reply-To: <${inReplyTo}@mail.example>`, `References: <${inReplyTo}@mail.example>`] : []), 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'),
  });
  const { subject, customer, answer } = ANSWERED_ELSEWHERE;
  return {
    inbox: mail(`${customer} <hana@customer.example>`, address, subject, now - 2 * 3_600_000, 'hana-1', 'I moved last week. Can you send order 4417 to 4 Elm Row instead?'),
    sent: mail(`Northwind Support <${address}>`, `${customer} <hana@customer.example>`, `Re: ${subject}`, now - 3_600_000, 'hana-2', answer, 'hana-1'),
  };
}
