import { useConnectionStore } from '../api/connectionStore';

/** The core being unreachable is always said plainly, never shown as an empty inbox. */
export function ConnectionBanner() {
  const { status, detail, retryInSeconds } = useConnectionStore();
  if (status === 'online' || status === 'connecting') return null;
  if (status === 'unauthorized') {
    return (
      <div className="banner banner-error" role="alert">
        <strong>Not connected.</strong> {detail}
      </div>
    );
  }
  return (
    <div className="banner banner-offline" role="alert">
      <strong>Offline — reconnecting</strong>
      {retryInSeconds !== null ? ` in ${retryInSeconds}s` : '…'}
      {detail ? ` (${detail})` : ''}. What you see may be out of date.
    </div>
  );
}
