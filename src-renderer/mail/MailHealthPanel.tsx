import { useState } from 'react';
import type { MailAccountHealth } from '../../src-shared/sync/mail-health';
import { useAppInfoStore } from '../app/appInfoStore';
import { useDialogStore } from '../commands/dialogStore';
import { Dialog } from '../shared/Dialog';
import { fullDateTime, timeAgo } from '../shared/format';
import { useNow } from '../shared/useNow';
import { describeMailAccount, describeOutbound } from './mailStatus';
import { useMailHealthLive, useMailHealthStore } from './mailHealthStore';

/** While open, the panel asks the hub this often: backfill and resync progress move visibly. */
const OPEN_REFRESH_MS = 3_000;

/**
 * Mail health: each support mailbox the hub syncs, how far it got, what went wrong, and its
 * outbound queue. Opened from the palette, `g h`, or the top bar's warning when a mailbox fails.
 */
export function MailHealthPanel() {
  const close = useDialogStore((s) => s.close);
  const { health, error, load } = useMailHealthStore();
  useMailHealthLive(OPEN_REFRESH_MS);
  const now = useNow(1_000);

  return (
    <Dialog label="Mail health" onClose={close} className="mail-health-dialog">
      <header className="dialog-header">
        <h2>Mail health</h2>
        {health && <span className="hint">Checked {timeAgo(health.checkedAt, now)}</span>}
        <button type="button" className="link" onClick={close} aria-label="Close Mail health">
          Close
        </button>
      </header>
      <div className="mail-health-body" aria-live="polite" aria-busy={!health && !error}>
        {!error && health && health.waitingForAccount > 0 && <WaitingReplies count={health.waitingForAccount} />}
        {error ? (
          <div className="mail-health-error" role="alert">
            <strong>{error.kind === 'unavailable' ? 'Cannot reach the hub' : 'Mail health is not available'}</strong>
            <p>{error.kind === 'unavailable' ? `${error.message}. Mail health comes from the hub; it shows again once this desktop is back online.` : error.message}</p>
            <button type="button" className="mail-button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        ) : !health ? (
          <p className="loading-state">Asking the hub about its mailboxes…</p>
        ) : health.accounts.length === 0 ? (
          <NoMailbox embedded={health.hub.mode === 'embedded'} />
        ) : (
          <ul className="mail-accounts" aria-label="Mailboxes">
            {health.accounts.map((a) => (
              <AccountCard key={a.accountId} account={a} now={now} />
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}

/** Replies the hub accepted but cannot send: no mailbox has SMTP settings. They go out once one does. */
function WaitingReplies({ count }: { count: number }) {
  return (
    <p className="mail-waiting" role="status">
      <strong>
        {count.toLocaleString('en-US')} {count === 1 ? 'reply is' : 'replies are'} waiting to be sent
      </strong>{' '}
      — no connected mailbox can send email yet. They go out as soon as an admin adds one with SMTP settings (<code>--smtp-host</code>).
    </p>
  );
}

function NoMailbox({ embedded }: { embedded: boolean }) {
  return (
    <div className="empty-state mail-empty">
      <strong>No mailbox is connected</strong>
      <p>
        {embedded
          ? 'This desktop works solo: email comes in once it follows a team hub with a support mailbox. '
          : 'The team hub syncs no support mailbox yet. '}
        An admin connects one on the hub’s machine:
      </p>
      <pre className="mail-command">npm run hub -- mail add --host imap.example.com --security tls --user support@example.com --password-stdin --from support@example.com --smtp-host smtp.example.com</pre>
      <p className="hint">Its sync state, backlog and outbound queue then show here.</p>
    </div>
  );
}

function AccountCard({ account: a, now }: { account: MailAccountHealth; now: number }) {
  const view = describeMailAccount(a);
  return (
    <li className={`mail-account tone-${view.tone}`} aria-label={`Mailbox ${a.address}: ${view.label}`}>
      <div className="mail-account-head">
        <strong className="mail-address">{a.address}</strong>
        <span className={`mail-state-label tone-${view.tone}`}>{view.label}</span>
      </div>
      {view.detail && <p className="mail-detail">{view.detail}</p>}
      {view.progress && <progress max={view.progress.total} value={view.progress.done} aria-label={`Backfill of ${a.address}`} />}
      <dl className="mail-facts">
        <div>
          <dt>Last sync</dt>
          <dd>{a.lastSyncAt ? <time title={fullDateTime(a.lastSyncAt)}>{timeAgo(a.lastSyncAt, now)}</time> : 'Not yet'}</dd>
        </div>
        <div>
          <dt>Backlog</dt>
          <dd>{a.backlog === 0 ? 'None' : `${a.backlog.toLocaleString('en-US')} messages`}</dd>
        </div>
        <div>
          <dt>Folders</dt>
          <dd>{a.folders.map((f) => `${f.mailbox} (${f.messages.toLocaleString('en-US')})`).join(', ')}</dd>
        </div>
        <div>
          <dt>Outbound</dt>
          <dd>
            {describeOutbound(a.outbound)}
            {a.outbound.lastError && a.outbound.failed > 0 && <span className="mail-last-error"> — last error: {a.outbound.lastError.reason}</span>}
          </dd>
        </div>
        {a.skipped.length > 0 && (
          <div>
            <dt>Skipped</dt>
            <dd>
              {a.skipped.length} {a.skipped.length === 1 ? 'message' : 'messages'} could not be read (newest: {a.skipped[0]!.reason})
            </dd>
          </div>
        )}
      </dl>
      <Resync account={a} />
    </li>
  );
}

/** Resync is costly on a big mailbox (every folder is walked again): asked for twice, by supervisors and admins. */
function Resync({ account }: { account: MailAccountHealth }) {
  const role = useAppInfoStore((s) => s.info?.me.role);
  const requested = useMailHealthStore((s) => s.resyncs[account.accountId]);
  const resync = useMailHealthStore((s) => s.resync);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (role !== 'supervisor' && role !== 'admin') {
    return <p className="hint mail-resync-note">Only a supervisor or an admin can resync a mailbox.</p>;
  }
  if (confirming) {
    return (
      <div className="mail-resync-confirm" role="group" aria-label={`Confirm resync of ${account.address}`}>
        <p>Fetch every folder of {account.address} again? On a big mailbox this takes a while; mail already here is recognised and not duplicated.</p>
        <button
          type="button"
          className="mail-button danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await resync(account.accountId);
            setBusy(false);
            setConfirming(false);
          }}
        >
          {busy ? 'Starting…' : 'Resync now'}
        </button>
        <button type="button" className="link" onClick={() => setConfirming(false)} autoFocus>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div className="mail-resync">
      <button type="button" className="mail-button" onClick={() => setConfirming(true)}>
        Resync…
      </button>
      {requested?.error ? (
        <span className="mail-resync-error" role="alert">
          Resync failed: {requested.error}
        </span>
      ) : (
        requested && <span className="hint">Resync started {timeAgo(requested.at)}; progress shows above.</span>
      )}
    </div>
  );
}
