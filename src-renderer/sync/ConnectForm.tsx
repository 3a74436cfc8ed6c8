import { useEffect, useRef, useState, type ReactNode } from 'react';
import { SyncApiArgs } from '../../src-shared/api/sync';
import { describeError } from '../api/api';
import { hubHost, plural } from './syncStatus';
import { useSyncStore } from './syncStore';

const REMEMBERED_KEY = 'outpost.teamHub';
type Field = 'hubUrl' | 'email' | 'password';

/** The hub address and email of the last sign-in, so signing in again is one password away. Never the password. */
function remembered(): { hubUrl: string; email: string } {
  try {
    const v = JSON.parse(localStorage.getItem(REMEMBERED_KEY) ?? '{}') as { hubUrl?: unknown; email?: unknown };
    return { hubUrl: typeof v.hubUrl === 'string' ? v.hubUrl : '', email: typeof v.email === 'string' ? v.email : '' };
  } catch {
    return { hubUrl: '', email: '' };
  }
}

export interface ConnectFailure {
  title: string;
  message: string;
  /** The field to fix, which takes focus. */
  field: Field;
}

/** Tells the agent what went wrong in their terms, from the kind of error the core reports. */
export function connectFailure(kind: string, message: string): ConnectFailure {
  switch (kind) {
    case 'auth':
      return { title: 'The hub did not accept this sign-in', message, field: 'password' };
    case 'unavailable':
      return { title: 'Cannot reach the hub', message, field: 'hubUrl' };
    case 'invalid':
      return { title: 'Check the details', message, field: 'hubUrl' };
    // The hub answered but refused this desktop: an outdated app, or an address that is not an Outpost hub.
    case 'rejected':
      return { title: 'This hub cannot serve this desktop', message, field: 'hubUrl' };
    case 'conflict':
      return { title: 'Not now', message, field: 'hubUrl' };
    default:
      return { title: 'Could not connect', message, field: 'hubUrl' };
  }
}

/**
 * Sign in to a team hub: the address, email and password, with what will happen said up front,
 * progress while the team's workspace downloads, and an error that names the field to fix.
 */
export function ConnectForm({ initialHubUrl, onConnected, onCancel, again }: { initialHubUrl?: string; onConnected(): void; onCancel(): void; again: boolean }) {
  const [values, setValues] = useState(() => {
    const r = remembered();
    return { hubUrl: initialHubUrl ?? r.hubUrl, email: r.email, password: '' };
  });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<ConnectFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const catchUp = useSyncStore((s) => s.state?.catchUp ?? null);
  const form = useRef<HTMLFormElement>(null);
  const host = hubHost(values.hubUrl || null);

  useEffect(() => {
    const field = failure?.field ?? (Object.keys(fieldErrors)[0] as Field | undefined);
    if (field) form.current?.querySelector<HTMLInputElement>(`[name="${field}"]`)?.focus();
  }, [failure, fieldErrors]);

  async function submit(): Promise<void> {
    if (busy) return;
    const parsed = SyncApiArgs['sync.connect'].safeParse({ ...values, hubUrl: values.hubUrl.trim(), email: values.email.trim() });
    if (!parsed.success) {
      const errors: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        errors[field] ??= FIELD_HINTS[field];
      }
      setFieldErrors(errors);
      setFailure(null);
      return;
    }
    const url = new URL(parsed.data.hubUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      setFieldErrors({ hubUrl: FIELD_HINTS.hubUrl });
      return;
    }
    setFieldErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await useSyncStore.getState().connect(parsed.data);
      localStorage.setItem(REMEMBERED_KEY, JSON.stringify({ hubUrl: parsed.data.hubUrl, email: parsed.data.email }));
      onConnected();
    } catch (e) {
      const { kind, message } = describeError(e);
      setFailure(connectFailure(kind, message));
      setValues((v) => ({ ...v, password: '' }));
    } finally {
      setBusy(false);
    }
  }

  function input(field: Field, label: string, props: { type: string; autoComplete: string; placeholder?: string }): ReactNode {
    const error = fieldErrors[field];
    return (
      <label className="hub-field">
        <span className="field-label">{label}</span>
        <input
          name={field}
          {...props}
          value={values[field]}
          disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `hub-${field}-error` : undefined}
          onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
        />
        {error && (
          <span id={`hub-${field}-error`} className="field-error">
            {error}
          </span>
        )}
      </label>
    );
  }

  return (
    <form
      ref={form}
      className="hub-form"
      noValidate
      aria-label={again ? 'Sign in to the team hub again' : 'Connect to a team hub'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {again ? (
        <p className="hub-explain">Sign in to {host} again to resume sync. Changes waiting on this computer are kept and sent once you are back in.</p>
      ) : (
        <ul className="hub-explain">
          <li>This desktop will show the team’s workspace: shared conversations, who is viewing and who is replying.</li>
          <li>Your solo workspace stays on this computer. Disconnect to go back to it.</li>
          <li>Offline, you keep working; changes are sent when the hub is back.</li>
        </ul>
      )}
      {input('hubUrl', 'Hub address', { type: 'url', autoComplete: 'url', placeholder: 'https://hub.yourshop.com' })}
      {input('email', 'Email', { type: 'email', autoComplete: 'username', placeholder: 'you@yourshop.com' })}
      {input('password', 'Password', { type: 'password', autoComplete: 'current-password' })}
      <div className="hub-progress" role="status">
        {busy && (catchUp ? `Downloading the team’s workspace — ${plural(catchUp.received, 'change')} received…` : `Signing in to ${host}…`)}
      </div>
      {failure && (
        <div className="inline-error hub-failure" role="alert">
          <strong>{failure.title}.</strong> {failure.message}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Connecting…' : again ? 'Sign in' : 'Connect'}
        </button>
      </div>
    </form>
  );
}

const FIELD_HINTS: Record<Field, string> = {
  hubUrl: 'Enter the hub’s full address, starting with https:// (or http:// on your own network).',
  email: 'Enter the email address your hub account uses.',
  password: 'Enter your password.',
};
