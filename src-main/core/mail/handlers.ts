import type { Handlers } from '../api/dispatcher';
import { apiErrorOf } from '../sync/hub-login';
import type { SyncService } from '../sync/sync-service';

/**
 * Mail health (src-shared/api/mail.ts): asked of the hub this desktop follows, at the moment
 * the panel asks, so it is never a stale copy. A hub that cannot be reached is `unavailable`,
 * a role the hub refuses is `auth`: the panel tells them apart.
 */
export function mailHandlers(sync: SyncService): Pick<Handlers, 'mail.health' | 'mail.resync'> {
  const call = async <T>(run: (hub: ReturnType<SyncService['client']['hub']>) => Promise<T>): Promise<T> => {
    try {
      return await run(sync.client.hub());
    } catch (e) {
      throw apiErrorOf(e);
    }
  };
  return {
    'mail.health': () => call(async (hub) => ({ ...(await hub.http.mailHealth()), hub: { mode: hub.mode, url: hub.http.url }, checkedAt: Date.now() })),
    'mail.resync': ({ accountId }) => call((hub) => hub.http.mailResync(accountId)),
  };
}
