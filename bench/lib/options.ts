import { MAX_SEED_CONVERSATIONS } from '../../src-main/core/seed';

/** The replica size a bench seeds: `--conversations` when given, else the bench's default. */
export function conversationCount(raw: string | undefined, fallback: number): number {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SEED_CONVERSATIONS) {
    throw new Error(`--conversations must be a whole number from 1 to ${MAX_SEED_CONVERSATIONS}, got ${raw}`);
  }
  return n;
}
