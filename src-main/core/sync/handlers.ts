import type { Handlers } from '../api/dispatcher';
import type { SyncService } from './sync-service';

/** The sync indicator, the connect dialog and presence (src-shared/api/sync.ts). */
export function syncHandlers(sync: SyncService): Pick<Handlers, 'sync.state' | 'sync.connect' | 'sync.disconnect' | 'sync.retry' | 'presence.set' | 'presence.list'> {
  return {
    'sync.state': () => sync.state(),
    'sync.connect': ({ hubUrl, email, password }) => sync.connect({ hubUrl, email, password }),
    'sync.disconnect': () => sync.disconnect(),
    'sync.retry': () => sync.retry(),
    'presence.set': ({ conversationId, state }) => {
      sync.client.setPresence(conversationId, state);
      return { ok: true };
    },
    'presence.list': ({ conversationId }) => ({ others: sync.client.presence.list(conversationId) }),
  };
}
