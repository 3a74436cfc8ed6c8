/**
 * Ids of rows a mutation creates are derived from who made it and which mutation it was, so the
 * desktop's optimistic row and the hub's canonical row carry the SAME id and later mutations made
 * offline (a reply in a conversation just split off) refer to it safely.
 *
 *   id = clientNo * 2^33 + mutationId * 16 + k        (always below 2^53, stored as 64-bit)
 *
 * clientNo 0 is the hub itself (ingested mail, the demo workspace): its ids count up from 1.
 */
export const HUB_CLIENT_NO = 0;
export const MAX_CLIENT_NO = 2 ** 20 - 1;
export const IDS_PER_MUTATION = 16;
const CLIENT_SPAN = 2 ** 33;
export const MAX_MUTATION_ID = CLIENT_SPAN / IDS_PER_MUTATION - 1;

export function mutationEntityId(clientNo: number, mutationId: number, k: number): number {
  if (!Number.isInteger(clientNo) || clientNo < 1 || clientNo > MAX_CLIENT_NO) throw new RangeError(`client number ${clientNo} out of range`);
  if (!Number.isInteger(mutationId) || mutationId < 1 || mutationId > MAX_MUTATION_ID) throw new RangeError(`mutation id ${mutationId} out of range`);
  if (!Number.isInteger(k) || k < 0 || k >= IDS_PER_MUTATION) throw new RangeError(`a mutation may create at most ${IDS_PER_MUTATION} rows`);
  return clientNo * CLIENT_SPAN + mutationId * IDS_PER_MUTATION + k;
}

/** The ids one mutation hands out, in the order it asks for them (the same on desktop and hub). */
export function createIdAllocator(clientNo: number, mutationId: number): () => number {
  let k = 0;
  return () => mutationEntityId(clientNo, mutationId, k++);
}

/** Which client made an id (0 for hub-made rows). */
export function clientNoOf(id: number): number {
  return Math.floor(id / CLIENT_SPAN);
}
