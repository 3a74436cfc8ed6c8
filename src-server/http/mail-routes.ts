import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { accountKey } from '../channels/email/account';
import { buildMailHealth, type OutboundHealth } from '../channels/email/health';
import type { Caller } from '../auth/sessions';
import type { HubStore } from '../store/contract';
import { readRequest, sendJson } from './io';
import { SyncError } from './sync-error';

export interface MailRouteDeps {
  store: HubStore;
  /** Drops an account's folder state and syncs it again (the mail runner, when this hub runs one). */
  resync(accountId: string): Promise<void>;
  outbound: OutboundHealth;
}

const ResyncRequest = z.object({ accountId: z.string().min(1).max(40) });

/** `GET /mail/health` (any signed-in agent) and `POST /mail/resync` (supervisors and admins). */
export async function serveMail(endpoint: string, req: IncomingMessage, res: ServerResponse, who: Caller, deps: MailRouteDeps): Promise<boolean> {
  if (endpoint === 'GET /mail/health') {
    sendJson(res, 200, await buildMailHealth(deps.store, deps.outbound));
    return true;
  }
  if (endpoint === 'POST /mail/resync') {
    if (who.user.role !== 'supervisor' && who.user.role !== 'admin') throw new SyncError('forbidden', 'Only a supervisor or an admin can resync a mailbox.');
    const { accountId } = await readRequest(req, ResyncRequest, 4096);
    if (!(await deps.store.connectors.get(accountKey(accountId)))) throw new SyncError('invalid', `There is no mail account ${accountId}.`, 404);
    await deps.resync(accountId);
    sendJson(res, 200, { ok: true });
    return true;
  }
  return false;
}
