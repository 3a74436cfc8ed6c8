import type { PushRequest, PushResponse, MutationOutcome } from '../../src-shared/sync/protocol';
import { MAX_MUTATION_ID } from '../../src-shared/sync/ids';
import { mayRunMutation } from '../../src-shared/sync/permissions';
import { checkClient, type Caller } from '../auth/sessions';
import type { HubStore, HubWriteTx } from '../store/contract';
import { SyncError } from '../http/sync-error';
import { createHubMutations } from './hub-mutator-tx';

/**
 * Applies a push under the workspace lock. Mutations at or below the client's last applied id are
 * skipped (a retried, duplicated or reordered push changes nothing twice); the rest run in id
 * order, each checked against the caller's role, then run by the same mutator the desktop ran.
 * A refusal is recorded and the queue goes on; any other failure throws and nothing is kept.
 */
export async function applyPush(store: HubStore, caller: Caller, req: PushRequest, hubNow: () => number = Date.now): Promise<PushResponse> {
  const tooBig = req.mutations.find((m) => m.id > MAX_MUTATION_ID);
  if (tooBig) throw new SyncError('invalid', `Mutation id ${tooBig.id} is above the largest this protocol numbers (${MAX_MUTATION_ID}).`);
  const actor = { id: caller.user.id, role: caller.user.role };

  const { lastMutationId, results } = await store.write(async (tx) => {
    const client = checkClient(caller, req.clientId, await tx.getClient(req.clientId));
    const todo = [...new Map(req.mutations.filter((m) => m.id > client.lastMutationId).map((m) => [m.id, m])).values()].sort((a, b) => a.id - b.id);
    const mutations = createHubMutations(tx, store.blobs);
    const results: MutationOutcome[] = [];
    for (const m of todo) {
      const allowed = mayRunMutation(actor, m.name, m.args);
      const outcome = allowed.ok
        ? await mutations.apply(m.name, m.args, { actorId: actor.id, clientId: req.clientId, clientNo: client.clientNo, mutationId: m.id, now: Math.min(m.createdAt, hubNow()) })
        : { ok: false as const, rejection: { mutationId: m.id, code: 'forbidden' as const, message: allowed.message } };
      if (outcome.ok) {
        await auditAccepted(tx, actor.id, req.clientId, m, hubNow());
        results.push({ id: m.id, ok: true });
      } else {
        await tx.recordRejection(req.clientId, outcome.rejection);
        results.push({ id: m.id, ok: false, code: outcome.rejection.code, message: outcome.rejection.message });
      }
    }
    await mutations.flush();
    const last = todo.at(-1)?.id ?? client.lastMutationId;
    if (last > client.lastMutationId) await tx.setLastMutationId(req.clientId, last);
    return { lastMutationId: last, results };
  });
  return { lastMutationId, results, version: await store.version() };
}

/** Who did what from which desktop: one audit row per accepted mutation, besides the mutator's own. */
function auditAccepted(tx: HubWriteTx, actorId: number, clientId: string, m: PushRequest['mutations'][number], at: number): Promise<void> {
  return tx.audit({ at, actorId, clientId, mutationId: m.id, action: `mutation.${m.name}`, entityType: 'mutation', entityId: `${clientId}/${m.id}`, data: { args: m.args } });
}
