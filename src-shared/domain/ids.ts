import { z } from 'zod';

/**
 * Every id and version is a 64-bit integer in storage (SQLite INTEGER, PostgreSQL BIGINT).
 * In JavaScript we carry them as numbers and refuse anything beyond 2^53 at the boundary
 * rather than silently rounding it.
 */
export const Id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export type Id = z.infer<typeof Id>;

/** Milliseconds since the Unix epoch (UTC). */
export const Timestamp = z.number().int().nonnegative();
export type Timestamp = z.infer<typeof Timestamp>;

/** Client-made ids for append-only records (notes) that must not collide across desktops. */
export const Uuid = z.string().uuid();
export type Uuid = z.infer<typeof Uuid>;
