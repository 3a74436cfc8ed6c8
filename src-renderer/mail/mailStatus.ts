import type { MailAccountHealth } from '../../src-shared/sync/mail-health';

export type MailTone = 'ok' | 'busy' | 'warn' | 'error';

export interface MailStatusView {
  tone: MailTone;
  /** One or two words: Idle, Syncing, Backfilling, Connecting, Paused, Error. */
  label: string;
  /** What it means, e.g. "12,400 of 20,000 messages fetched" or the error's reason. */
  detail: string | null;
  /** Backfill progress, when older mail is still being fetched. */
  progress: { done: number; total: number } | null;
}

const count = (n: number) => n.toLocaleString('en-US');

/** What the Mail health panel says about one account, from what the hub reports. */
export function describeMailAccount(a: MailAccountHealth): MailStatusView {
  if (a.state === 'disabled') return { tone: 'warn', label: 'Paused', detail: 'An admin paused this mailbox: nothing is fetched and replies wait in the queue.', progress: null };
  if (a.state === 'error') return { tone: 'error', label: 'Error', detail: a.error?.reason ?? 'The last sync failed.', progress: null };
  if (a.state === 'connecting') return { tone: 'busy', label: 'Connecting', detail: 'Signing in to the mailbox…', progress: null };
  const total = a.folders.reduce((n, f) => n + f.messages, 0);
  const done = a.folders.reduce((n, f) => n + Math.min(f.synced, f.messages), 0);
  if (a.folders.some((f) => f.backfilling && f.messages > 0) && done < total) {
    return { tone: 'busy', label: 'Backfilling', detail: `${count(done)} of ${count(total)} messages fetched`, progress: { done, total } };
  }
  if (a.backlog > 0) return { tone: 'busy', label: 'Syncing', detail: `${count(a.backlog)} new ${a.backlog === 1 ? 'message' : 'messages'} to fetch`, progress: null };
  return { tone: 'ok', label: 'Idle', detail: 'Up to date: new mail arrives within seconds.', progress: null };
}

/** The outbound queue in a line: "2 waiting · 1 failed". */
export function describeOutbound(o: MailAccountHealth['outbound']): string {
  const parts = [o.queued > 0 ? `${count(o.queued)} waiting to send` : null, o.failed > 0 ? `${count(o.failed)} failed` : null].filter((p) => p !== null);
  return parts.length > 0 ? parts.join(' · ') : 'Nothing waiting';
}
