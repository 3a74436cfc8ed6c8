import type { ImapFlow } from 'imapflow';
import type { HubStore } from '../../../store/contract';

/**
 * Expunges on a server without QRESYNC: `UID SEARCH` lists the UIDs present, and what is missing
 * from the known range went away. UIDs can be sparse (Gmail's jump by thousands), so "missing"
 * cannot mean every gap in the range each time: the UID space is cut into blocks of BLOCK UIDs,
 * and the doc `email/uid-digest/<account>/<folder>` keeps, per block, a digest of the UIDs present
 * at the last look. Only blocks whose digest changed (or that were never looked at) have their
 * missing UIDs reported: work in proportion to what changed, and a doc of a few KB per folder.
 */
const BLOCK = 1024;

interface UidDigest {
  uidValidity: string;
  /** The UID range that look covered: a block inside it without an entry held no UID. */
  lo: number;
  hi: number;
  /** Block number → XOR of the present UIDs' hashes, hex; non-empty blocks only. */
  blocks: Record<string, string>;
}

const digestKey = (accountId: string, mailbox: string) => `email/uid-digest/${accountId}/${mailbox}`;

/** A 32-bit mix of a UID (murmur3's finalizer): XORed per block, any change to the set changes it. */
function mix(uid: number): number {
  let h = uid >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function digestOf(uids: Iterable<number>): Map<number, number> {
  const blocks = new Map<number, number>();
  for (const uid of uids) {
    const b = Math.floor(uid / BLOCK);
    blocks.set(b, ((blocks.get(b) ?? 0) ^ mix(uid)) >>> 0);
  }
  return blocks;
}

/** UIDs in [lo, hi] that are gone since the last look, found by `UID SEARCH`; saves the new digest. */
export async function vanishedBySearch(client: ImapFlow, store: HubStore, accountId: string, mailbox: string, uidValidity: string, lo: number, hi: number): Promise<number[]> {
  const present = new Set(((await client.search({ uid: `${lo}:${hi}` }, { uid: true })) || []).filter((u) => u >= lo && u <= hi));
  const now = digestOf(present);
  const saved = await store.connectors.get<UidDigest>(digestKey(accountId, mailbox));
  const known = saved?.uidValidity === uidValidity ? saved : null;
  const vanished: number[] = [];
  for (let b = Math.floor(lo / BLOCK); b <= Math.floor(hi / BLOCK); b++) {
    const looked = known !== null && b >= Math.floor(known.lo / BLOCK) && b <= Math.floor(known.hi / BLOCK);
    if (looked && (known.blocks[b] ?? '0') === (now.get(b) ?? 0).toString(16)) continue;
    for (let uid = Math.max(lo, b * BLOCK); uid <= Math.min(hi, b * BLOCK + BLOCK - 1); uid++) if (!present.has(uid)) vanished.push(uid);
  }
  const blocks = Object.fromEntries([...now].map(([b, d]) => [b, d.toString(16)]));
  await store.connectors.put(digestKey(accountId, mailbox), { uidValidity, lo, hi, blocks } satisfies UidDigest);
  return vanished;
}
