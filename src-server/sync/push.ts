import type { PushRequest, PushResponse, MutationOutcome } from '../../src-shared/sync/protocol';
import { MAX_MUTATION_ID } from '../../src-shared/sync/ids';
import { mayRunMutation } from '../../src-shared/sync/permissions';
import { checkClient, type Caller } from '../auth/sessions';
import type { HubStore, HubWriteTx } from '../store/contract';
import { SyncError } from '../http/sync-error';
import { enqueueOutboundEmails } from '../channels/email/outbound/outbound-job';
import { createHubMutations } from './hub-mutator-tx';

type Pending = { caller: Caller; req: PushRequest; resolve(r: PushResponse): void; reject(e: unknown): void };

/**
 * Applies pushes under the workspace lock. Mutations at or below the client's last applied id are
 * skipped (a retried, duplicated or reordered push changes nothing twice); the rest run in id
 * order, each checked against the caller's role, then run by the same mutator the desktop ran.
 * A refusal is recorded and the queue goes on; any other failure throws and nothing is kept.
 *
 * Group commit: pushes that arrive while a write holds the lock wait and then go through
 * together, in arrival order, in ONE transaction (one lock, one version, one commit and poke).
 * Under load the lock is taken once per burst instead of once per desktop, which is what keeps
 * PostgreSQL (a round trip per statement) from serializing the team behind it.
 */
export function createPushQueue(store: HubStore, hubNow: () => number = Date.now) {
  let waiting: Pending[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const outcomes = await store.write(async (tx) => {
          const mutations = createHubMutations(tx, store.blobs);
          const out: (Omit<PushResponse, 'version'> | SyncError)[] = [];
          for (const p of batch) out.push(await applyOne(tx, mutations, p.caller, p.req, hubNow));
          // Replies to email leave with the push that accepted them: their send jobs commit with it.
          await enqueueOutboundEmails(tx, await mutations.flush(), hubNow());
          return out;
        });
        const version = await store.version();
        batch.forEach((p, i) => {
          const o = outcomes[i]!;
          if (o instanceof SyncError) p.reject(o);
          else p.resolve({ ...o, version });
        });
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
    draining = false;
  }

  return {
    push(caller: Caller, req: PushRequest): Promise<PushResponse> {
      const tooBig = req.mutations.find((m) => m.id > MAX_MUTATION_ID);
      if (tooBig) return Promise.reject(new SyncError('invalid', `Mutation id ${tooBig.id} is above the largest this protocol numbers (${MAX_MUTATION_ID}).`));
      return new Promise((resolve, reject) => {
        waiting.push({ caller, req, resolve, reject });
        if (!draining) void drain();
      });
    },
  };
}

/** One push inside the batch's transaction. A push refused before it wrote anything (wrong desktop) fails alone. */
async function applyOne(tx: HubWriteTx, mutations: ReturnType<typeof createHubMutations>, caller: Caller, req: PushRequest, hubNow: () => number): Promise<Omit<PushResponse, 'version'> | SyncError> {
  let client;
  try {
    client = checkClient(caller, req.clientId, await tx.getClient(req.clientId));
  } catch (e) {
    if (e instanceof SyncError) return e;
    throw e;
  }
  const actor = { id: caller.user.id, role: caller.user.role };
  const todo = [...new Map(req.mutations.filter((m) => m.id > client.lastMutationId).map((m) => [m.id, m])).values()].sort((a, b) => a.id - b.id);
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
  const last = todo.at(-1)?.id ?? client.lastMutationId;
  if (last > client.lastMutationId) await tx.setLastMutationId(req.clientId, last);
  return { lastMutationId: last, results };
}

/** Who did what from which desktop: one audit row per accepted mutation, besides the mutator's own. */
function auditAccepted(tx: HubWriteTx, actorId: number, clientId: string, m: PushRequest['mutations'][number], at: number): Promise<void> {
  return tx.audit({ at, actorId, clientId, mutationId: m.id, action: `mutation.${m.name}`, entityType: 'mutation', entityId: `${clientId}/${m.id}`, data: { args: m.args } });
}
