import { z } from 'zod';
import type { Id } from '../domain';
import { MutationArgs, type MutationName } from '../mutators';

/** One `mutate` call for every mutator: the name picks the argument schema. */
const MutateArgs = z.discriminatedUnion(
  'name',
  (Object.keys(MutationArgs) as MutationName[]).map((name) => z.object({ name: z.literal(name), args: MutationArgs[name] })) as unknown as [
    z.ZodObject<{ name: z.ZodLiteral<MutationName>; args: z.ZodTypeAny }>,
  ],
);

export const MutationApiArgs = {
  mutate: MutateArgs,
  'outbox.list': z.object({ limit: z.number().int().positive().max(500).default(100) }),
} as const;

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
  'outbox.list': { entries: OutboxEntry[] };
}
