import { useState } from 'react';
import { useConnectionStore } from '../api/connectionStore';
import { useDialogStore } from '../commands/dialogStore';
import { MailWarning } from '../mail/MailWarning';
import { useNow } from '../shared/useNow';
import { describeSync, untilText, type SyncTone } from './syncStatus';
import { useSyncStore } from './syncStore';

/**
 * The top bar's sync status. Quiet when all is sent; says plainly when changes wait, why sync
 * stopped and when it tries again. Opens the Team hub dialog; screen readers hear each change
 * of status (politely) from a live region that stays mounted.
 */
export function SyncIndicator() {
  const state = useSyncStore((s) => s.state);
  const loadError = useSyncStore((s) => s.loadError);
  const retryError = useSyncStore((s) => s.retryError);
  const core = useConnectionStore((s) => s.status);
  const show = useDialogStore((s) => s.show);
  const countdown = state?.status === 'offline' && state.retryAt !== null;
  const now = useNow(countdown ? 1000 : 30_000);
  const view = describeSync(state, core, now, loadError);
  const [retrying, setRetrying] = useState(false);

  async function retry(): Promise<void> {
    setRetrying(true);
    await useSyncStore.getState().retry();
    setRetrying(false);
  }

  return (
    <div className={`sync-indicator tone-${view.tone}`}>
      <MailWarning />
      <button
        type="button"
        className="topbar-button sync-status"
        onClick={() => show('team-hub')}
        title={view.detail ?? undefined}
        aria-label={`Sync: ${view.label}.${view.detail ? ` ${view.detail}` : ''} Open Team hub.`}
      >
        <SyncGlyph tone={view.tone} />
        <span className="sync-label">{view.label}</span>
        {countdown && state.retryAt !== null && <span className="sync-next">retry {untilText(state.retryAt, now)}</span>}
      </button>
      {view.canRetry && core === 'online' && (
        <button type="button" className="topbar-button" onClick={() => void retry()} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      )}
      {retryError && (
        <span className="sync-retry-error" role="alert">
          Retry failed: {retryError}
        </span>
      )}
      <span className="visually-hidden" role="status">
        {view.announce}
      </span>
    </div>
  );
}

function SyncGlyph({ tone }: { tone: SyncTone }) {
  if (tone === 'busy') return <span className="sync-spinner" aria-hidden="true" />;
  return <span className="sync-dot" aria-hidden="true" />;
}
