import type { ImapFlow } from 'imapflow';
import { toEntity, type MessageRow } from '../../../../src-shared/sync/rows';
import type { HubStore } from '../../../store/contract';
import type { MailboxState } from '../account';
import { emailRefs } from '../ingest/email-refs';
import { copiesKey, messagesById, type MessageCopies } from '../ingest/message-copies';
import { vanishedBySearch } from './expunge-scan';

/**
 * What happened since the last cycle to mail already filed from one folder, brought onto the
 * message rows every desktop syncs:
 * - flags: with CONDSTORE, `UID FETCH … (FLAGS) (CHANGEDSINCE <modseq>)`; without it, the FLAGS of
 *   the newest `flagScanLimit` known UIDs (a bounded look, not the whole folder every minute);
 * - expunges: with QRESYNC, the VANISHED (EARLIER) that same fetch reports; without it, when the
 *   message count says something went, `UID SEARCH` against what was there (expunge-scan.ts).
 * A vanished copy is struck from the message's copies; a message left with none is only put on
 * the account's removal list (`email/removals/<account>/<messageId>`): a move to another synced
 * folder shows up there as a copy on that folder's sync, so the decision waits for a full cycle
 * (see resolveRemovals). Rows are written `CHANGE_CHUNK` at a time: a flag storm on 10,000 mails
 * is ten transactions, not ten thousand.
 */
export interface MailboxChangeOptions {
  /** Without CONDSTORE: how many of the newest known messages have their flags compared per cycle. */
  flagScanLimit: number;
  /** Use CONDSTORE/QRESYNC when the server offers them (false: the fallback a server without them gets). */
  useExtensions: boolean;
  now: () => number;
}
export const DEFAULT_CHANGE_OPTIONS: MailboxChangeOptions = { flagScanLimit: 1_000, useExtensions: true, now: Date.now };

/** Copies struck or flag rows compared per store write. */
export const CHANGE_CHUNK = 1_000;

export const REMOVALS_PREFIX = 'email/removals/';
const removalKey = (accountId: string, messageId: number) => `${REMOVALS_PREFIX}${accountId}/${messageId}`;

export interface MailboxNow {
  uidValidity: string;
  modseq: string;
  /** Messages in the folder now (STATUS). */
  messages: number;
  /** New messages taken this cycle. */
  arrived: number;
}

/** Applies flag changes and expunges of the folder selected on `client` (under the caller's mailbox lock); counts rows whose flags changed, and mail gone by the message count. */
export async function applyMailboxChanges(
  client: ImapFlow,
  store: HubStore,
  accountId: string,
  mailbox: string,
  saved: MailboxState | undefined,
  current: MailboxNow,
  opts: MailboxChangeOptions = DEFAULT_CHANGE_OPTIONS,
): Promise<{ flagChanges: number; expunged: number }> {
  if (!saved || saved.uidValidity !== current.uidValidity) return { flagChanges: 0, expunged: 0 };
  // Filed before this cycle; what this cycle fetched came with its current flags.
  const lo = Math.max(1, saved.backfillBelow);
  const hi = saved.uidNext - 1;
  const expunged = Math.max(0, saved.messages + current.arrived - current.messages);
  if (hi < lo) return { flagChanges: 0, expunged };

  const condstore = opts.useExtensions && client.enabled.has('CONDSTORE') && saved.highestModseq !== '' && current.modseq !== '';
  const qresync = condstore && client.enabled.has('QRESYNC');
  const vanished = new Set<number>();
  let flagged: { uid: number; flags: string[] }[] = [];
  if (condstore) {
    if (current.modseq !== saved.highestModseq) {
      const onVanished = (e: { path: string; uid?: number; vanished: boolean }) => {
        if (e.vanished && e.path === mailbox && e.uid !== undefined) vanished.add(e.uid);
      };
      client.on('expunge', onVanished);
      try {
        flagged = flagsOf(await client.fetchAll(`${lo}:${hi}`, { uid: true, flags: true }, { uid: true, changedSince: BigInt(saved.highestModseq) }));
      } finally {
        client.off('expunge', onVanished);
      }
    }
  } else {
    flagged = flagsOf(await client.fetchAll(`${Math.max(lo, hi - opts.flagScanLimit + 1)}:${hi}`, { uid: true, flags: true }, { uid: true }));
  }
  if (!qresync && expunged > 0) for (const uid of await vanishedBySearch(client, store, accountId, mailbox, current.uidValidity, lo, hi)) vanished.add(uid);
  const flagChanges = await writeChanges(store, accountId, mailbox, current.uidValidity, flagged, [...vanished], opts.now());
  return { flagChanges, expunged };
}

const flagsOf = (found: { uid: number; flags?: Set<string> }[]) => found.map((m) => ({ uid: m.uid, flags: [...(m.flags ?? [])].sort() }));

/** Rows whose flags differ are updated; vanished copies are struck. Returns how many rows changed flags. */
async function writeChanges(store: HubStore, accountId: string, mailbox: string, uidValidity: string, flagged: { uid: number; flags: string[] }[], vanished: number[], now: number): Promise<number> {
  const ref = (uid: number) => emailRefs.copy(accountId, mailbox, uidValidity, uid);
  const work = [...flagged.map((f) => ({ uid: f.uid, flags: f.flags })), ...vanished.map((uid) => ({ uid, flags: null }))];
  let changedFlags = 0;
  for (let i = 0; i < work.length; i += CHANGE_CHUNK) {
    const chunk = work.slice(i, i + CHANGE_CHUNK);
    changedFlags += await store.write(async (tx) => {
      const refs = await tx.findRefs(chunk.map((c) => ref(c.uid)));
      const ids = (uid: number) => (refs.get(ref(uid))?.kind === 'message' ? Number(refs.get(ref(uid))!.id) : null);
      const rows = await messagesById(tx, chunk.flatMap((c) => ids(c.uid) ?? []));
      const updated = new Map<number, MessageRow>();
      for (const c of chunk) {
        const id = ids(c.uid);
        const row = id === null ? undefined : (updated.get(id) ?? rows.get(id));
        if (!row) continue;
        if (c.flags !== null) {
          const json = JSON.stringify(c.flags);
          if (row.mailboxFlagsJson !== json) updated.set(row.id, { ...row, mailboxFlagsJson: json });
          continue;
        }
        const doc = await tx.connectors.get<MessageCopies>(copiesKey(row.id));
        if (!doc) continue;
        const copies = doc.copies.filter((k) => !(k.accountId === accountId && k.mailbox === mailbox && k.uidValidity === uidValidity && k.uid === c.uid));
        if (copies.length === doc.copies.length) continue; // struck already
        await tx.connectors.put(copiesKey(row.id), { ...doc, copies });
        if (copies.length === 0 && row.mailboxRemovedAt === null) await tx.connectors.put(removalKey(accountId, row.id), { since: now });
      }
      if (updated.size) await tx.put([...updated.values()].map((m) => toEntity('message', m)));
      return [...updated.values()].length;
    });
  }
  return changedFlags;
}

/**
 * After a cycle that synced every folder of the account without a failure: a message on the
 * removal list since before the cycle began, still without a copy, is marked `mailboxRemovedAt`
 * (it stays in its conversation); one that reappeared (moved, restored) just leaves the list.
 */
export async function resolveRemovals(store: HubStore, accountId: string, cycleStartedAt: number): Promise<number> {
  const due = (await store.connectors.list<{ since: number }>(`${REMOVALS_PREFIX}${accountId}/`)).filter((d) => d.value.since < cycleStartedAt);
  let removed = 0;
  for (let i = 0; i < due.length; i += CHANGE_CHUNK) {
    const chunk = due.slice(i, i + CHANGE_CHUNK).map((d) => ({ key: d.key, since: d.value.since, id: Number(d.key.slice(d.key.lastIndexOf('/') + 1)) }));
    removed += await store.write(async (tx) => {
      const rows = await messagesById(tx, chunk.map((c) => c.id));
      const gone: MessageRow[] = [];
      for (const c of chunk) {
        await tx.connectors.delete(c.key);
        const row = rows.get(c.id);
        const doc = await tx.connectors.get<MessageCopies>(copiesKey(c.id));
        if (row && row.mailboxRemovedAt === null && doc && doc.copies.length === 0) gone.push({ ...row, mailboxRemovedAt: c.since });
      }
      if (gone.length) await tx.put(gone.map((m) => toEntity('message', m)));
      return gone.length;
    });
  }
  return removed;
}
