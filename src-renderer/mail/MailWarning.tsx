import { useDialogStore } from '../commands/dialogStore';
import { accountsInError, useMailHealthLive, useMailHealthStore } from './mailHealthStore';

/** How often the top bar checks for a failing mailbox while the panel is closed. */
const BACKGROUND_REFRESH_MS = 60_000;

/** Beside the sync indicator, only when a support mailbox fails: says which and opens Mail health. */
export function MailWarning() {
  useMailHealthLive(BACKGROUND_REFRESH_MS);
  const failing = accountsInError(useMailHealthStore((s) => s.health));
  const show = useDialogStore((s) => s.show);
  if (failing.length === 0) return null;
  const first = failing[0]!;
  const label = failing.length === 1 ? `Mail: ${first.address} failing` : `Mail: ${failing.length} mailboxes failing`;
  return (
    <button type="button" className="topbar-button mail-warning" onClick={() => show('mail-health')} title={first.error?.reason} aria-label={`${label}. ${first.error?.reason ?? ''} Open Mail health.`}>
      ⚠ {label}
    </button>
  );
}
