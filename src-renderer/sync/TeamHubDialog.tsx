import { useState } from 'react';
import type { SyncState } from '../../src-shared/api/sync';
import { describeError } from '../api/api';
import { useConnectionStore } from '../api/connectionStore';
import { useAppInfoStore } from '../app/appInfoStore';
import { useDialogStore } from '../commands/dialogStore';
import { Dialog } from '../shared/Dialog';
import { fullDateTime } from '../shared/format';
import { useNow } from '../shared/useNow';
import { ConnectForm } from './ConnectForm';
import { describeSync, hubHost, plural } from './syncStatus';
import { useSyncStore } from './syncStore';

/**
 * Connect this desktop to a team hub, or see the one it is connected to: which hub, who you are
 * there, how sync is doing, and Disconnect. Opened from the top bar's indicator and the palette.
 */
export function TeamHubDialog() {
  const close = useDialogStore((s) => s.close);
  const state = useSyncStore((s) => s.state);
  const [signingIn, setSigningIn] = useState(false);
  const [justConnected, setJustConnected] = useState(false);
  const team = state?.mode === 'team';
  const title = team ? 'Team hub' : 'Connect to a team hub';

  return (
    <Dialog label={title} onClose={close} className="team-hub-dialog">
      <header className="dialog-header">
        <h2>{title}</h2>
        <button type="button" className="link" onClick={close} aria-label="Close Team hub">
          Close
        </button>
      </header>
      <div className="team-hub-body">
        {!state ? (
          <p className="loading-state">Checking how this desktop syncs…</p>
        ) : team && !signingIn ? (
          <ConnectedHub state={state} justConnected={justConnected} onSignIn={() => setSigningIn(true)} />
        ) : (
          <ConnectForm
            again={team}
            initialHubUrl={team ? (state.hubUrl ?? undefined) : undefined}
            onCancel={team ? () => setSigningIn(false) : close}
            onConnected={() => {
              setSigningIn(false);
              setJustConnected(true);
            }}
          />
        )}
      </div>
    </Dialog>
  );
}

function ConnectedHub({ state, justConnected, onSignIn }: { state: SyncState; justConnected: boolean; onSignIn(): void }) {
  const info = useAppInfoStore((s) => s.info);
  const core = useConnectionStore((s) => s.status);
  const now = useNow(1000);
  const view = describeSync(state, core, now);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'retry' | 'disconnect' | null>(null);
  const [disconnectError, setDisconnectError] = useState<string | null>(null);
  const retryError = useSyncStore((s) => s.retryError);
  const error = disconnectError ?? (retryError && `Retry failed: ${retryError}`);
  const host = hubHost(state.hubUrl);

  async function run(what: 'retry' | 'disconnect'): Promise<void> {
    setBusy(what);
    setDisconnectError(null);
    try {
      // A failed retry is kept in the store (the top bar shows it too); a failed disconnect only here.
      if (what === 'retry') await useSyncStore.getState().retry();
      else await useSyncStore.getState().disconnect();
    } catch (e) {
      setDisconnectError(`Could not disconnect: ${describeError(e).message}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="hub-connected">
      {justConnected && (
        <p className="hub-success" role="status">
          Connected to {host}. This desktop now shows the team’s workspace.
        </p>
      )}
      <dl className="hub-facts">
        <div>
          <dt>Hub</dt>
          <dd>{state.hubUrl}</dd>
        </div>
        <div>
          <dt>Workspace</dt>
          <dd>{info?.workspace.name ?? '…'}</dd>
        </div>
        <div>
          <dt>Signed in as</dt>
          <dd>{info ? `${info.me.name} (${info.me.email}) · ${info.me.role}` : '…'}</dd>
        </div>
        <div>
          <dt>Sync</dt>
          <dd className={`hub-sync tone-${view.tone}`}>
            <strong>{view.label}</strong>
            {/* All is well: the rows below say the rest. */}
            {view.tone !== 'quiet' && view.detail && <span> {view.detail}</span>}
          </dd>
        </div>
        <div>
          <dt>Waiting to send</dt>
          <dd>{state.pending === 0 ? 'Nothing' : plural(state.pending, 'change')}</dd>
        </div>
        <div>
          <dt>Last synced</dt>
          <dd>{state.lastSyncedAt === null ? 'Not yet' : fullDateTime(state.lastSyncedAt)}</dd>
        </div>
      </dl>
      {error && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {confirming ? (
        <div className="hub-confirm" role="group" aria-label="Confirm disconnect">
          <p>
            Disconnect from {host}? This desktop goes back to your solo workspace on this computer. The team’s conversations stay on the hub; connect again
            any time.
          </p>
          {state.pending > 0 && (
            <p className="hub-warning">
              {plural(state.pending, 'change')} made here {state.pending === 1 ? 'has' : 'have'} not reached the hub yet. Outpost sends them before it disconnects.
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(false)} disabled={busy !== null}>
              Stay connected
            </button>
            <button type="button" className="primary danger" onClick={() => void run('disconnect')} disabled={busy !== null}>
              {busy === 'disconnect' ? 'Disconnecting…' : 'Disconnect'}
            </button>
          </div>
        </div>
      ) : (
        <div className="dialog-actions">
          {view.canRetry && (
            <button type="button" onClick={() => void run('retry')} disabled={busy !== null}>
              {busy === 'retry' ? 'Retrying…' : 'Retry now'}
            </button>
          )}
          {state.status === 'error' && (
            <button type="button" className="primary" onClick={onSignIn}>
              Sign in again
            </button>
          )}
          <button type="button" onClick={() => setConfirming(true)}>
            Disconnect…
          </button>
        </div>
      )}
    </div>
  );
}
