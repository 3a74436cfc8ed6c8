import type { z } from 'zod';
import { conversationMutationArgs, conversationMutators } from './conversation';
import { deliveryMutationArgs, deliveryMutators } from './delivery';
import { macroMutationArgs, macroMutators } from './macros';
import { mergeMutationArgs, mergeMutators } from './merge';
import { MutationRejected, type MutatorTx } from './tx';
import { workflowMutationArgs, workflowMutators } from './workflow';

/** Every mutation, merged from one map per domain. The desktop core and the hub run these same functions. */
export const MutationArgs = { ...conversationMutationArgs, ...macroMutationArgs, ...workflowMutationArgs, ...mergeMutationArgs, ...deliveryMutationArgs } as const;
const mutators = { ...conversationMutators, ...macroMutators, ...workflowMutators, ...mergeMutators, ...deliveryMutators };

export type MutationName = keyof typeof MutationArgs;
export type MutationArgsOf<N extends MutationName> = z.output<(typeof MutationArgs)[N]>;

/** Validates a mutation's arguments and runs it: the one entry point for every caller. */
export function runMutation(tx: MutatorTx, name: MutationName, rawArgs: unknown): void {
  const parsed = MutationArgs[name].safeParse(rawArgs);
  if (!parsed.success) throw new MutationRejected('invalid', parsed.error.issues.map((i) => i.message).join('; '));
  (mutators[name] as (tx: MutatorTx, a: unknown) => void)(tx, parsed.data);
}
