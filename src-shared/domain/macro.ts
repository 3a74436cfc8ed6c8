import { z } from 'zod';
import { ConversationStatus } from './conversation';
import { Id } from './ids';
import { Category, Priority } from './taxonomy';

export const MacroAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('setStatus'), status: ConversationStatus }),
  z.object({ type: z.literal('setCategory'), category: Category }),
  z.object({ type: z.literal('setPriority'), priority: Priority }),
  z.object({ type: z.literal('addTag'), tag: z.string().min(1) }),
  z.object({ type: z.literal('removeTag'), tag: z.string().min(1) }),
  z.object({ type: z.literal('assign'), agentId: Id.nullable() }),
]);
export type MacroAction = z.infer<typeof MacroAction>;

export const Macro = z.object({
  id: Id,
  name: z.string().min(1),
  /** Reply text with {{variables}} such as {{customer.firstName}} or {{order.trackingUrl}}. */
  body: z.string(),
  actions: z.array(MacroAction),
  scope: z.enum(['personal', 'shared']),
  ownerId: Id.nullable(),
  usageCount: z.number().int().nonnegative(),
});
export type Macro = z.infer<typeof Macro>;
