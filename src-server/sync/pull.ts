import type { Change, PullRequest, PullResponse } from '../../src-shared/sync/protocol';
import { mayPull } from '../../src-shared/sync/permissions';
import { checkClient, type Caller } from '../auth/sessions';
import { ResyncRequired, type HubStore } from '../store/contract';
import { SyncError } from '../http/sync-error';

/**
 * One page of changes above the cursor, without what the caller's role may not see, with the
 * caller's mutation acknowledgements and rejections. The client's last mutation id is read BEFORE
 * the page, so every mutation it acknowledges is reflected in this page or an earlier one.
 */
export async function pullPage(store: HubStore, caller: Caller, req: PullRequest): Promise<PullResponse> {
  const client = checkClient(caller, req.clientId, await store.clients.get(req.clientId));
  const viewer = { id: caller.user.id, role: caller.user.role };
  let page;
  try {
    page = await store.pull(req.cursor, req.limit, req.clientId);
  } catch (e) {
    if (e instanceof ResyncRequired) throw new SyncError('resync_required', e.message);
    throw e;
  }
  const changes: Change[] = [];
  for (const c of page.entities) {
    // Deletions carry no audience; sending one for a row the viewer never had deletes nothing.
    if (c.deleted) changes.push({ kind: c.kind, id: c.id, data: null });
    else if (mayPull(viewer, c)) changes.push({ kind: c.kind, id: c.id, data: c.data as unknown as Record<string, unknown> });
  }
  const rejected = (await store.clients.rejections(req.clientId, req.ackedMutationId)).map((r) => ({ id: r.mutationId, ok: false as const, code: r.code, message: r.message }));
  return { changes, cursor: page.cursor, hasMore: page.hasMore, lastMutationId: page.lastMutationId ?? client.lastMutationId, rejected, version: page.version };
}
