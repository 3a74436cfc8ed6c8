import { z } from 'zod';
import type { MailHealth } from '../sync/mail-health';

/**
 * The Mail health panel: the core asks the hub it follows (`GET /mail/health`,
 * `POST /mail/resync`); the desktop itself never talks IMAP or SMTP.
 */
export const MailApiArgs = {
  'mail.health': z.object({}),
  /** Supervisors and admins: drop an account's folder state and sync it again (costly on a big mailbox). */
  'mail.resync': z.object({ accountId: z.string().min(1).max(40) }),
} as const;

export interface MailApiResults {
  'mail.health': MailHealth & {
    /** The hub answering: the embedded one of a solo desktop, or a team's. */
    hub: { mode: 'embedded' | 'team'; url: string };
    checkedAt: number;
  };
  'mail.resync': { ok: true };
}
