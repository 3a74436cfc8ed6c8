import { z } from 'zod';
import type { Id } from '../domain';
import { MutationArgs, type MutationName, type MutationRejected } from '../mutators';
import { BULK_LIMIT } from './inbox';

/** One `mutate` call for every mutator: the name picks the argument schema. */
const MutateArgs = z.discriminatedUnion(
  'name',
  (Object.keys(MutationArgs) as MutationName[]).map((name) => z.object({ name: z.literal(name), args: MutationArgs[name] })) as unknown as [
    z.ZodObject<{ name: z.ZodLiteral<MutationName>; args: z.ZodTypeAny }>,
  ],
);

export const MutationApiArgs = {
  mutate: MutateArgs,
  /** Many mutations at once (bulk actions): each applies or fails on its own, one refresh follows. */
  'mutate.batch': z.object({ mutations: z.array(MutateArgs).min(1).max(BULK_LIMIT) }),
  'outbox.list': z.object({ limit: z.number().int().positive().max(500).default(100) }),
} as const;

/** One batch item's outcome, in the order the items were sent. */
export type BatchItemResult = { ok: true } | { ok: false; kind: MutationRejected['code']; message: string };

export interface OutboxEntry {
  id: Id;
  name: string;
  args: unknown;
  status: 'pending' | 'sent' | 'rejected';
  attempts: number;
  lastError: string | null;
  createdAt: number;
}

export interface MutationResults {
  mutate: { outboxId: Id };
  'mutate.batch': { results: BatchItemResult[] };
  'outbox.list': { entries: OutboxEntry[] };
}
