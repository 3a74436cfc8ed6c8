import { z } from 'zod';
import { Id, Timestamp } from './ids';

export const Workspace = z.object({
  id: Id,
  name: z.string().min(1),
  timezone: z.string(),
  createdAt: Timestamp,
});
export type Workspace = z.infer<typeof Workspace>;

export const AgentRole = z.enum(['agent', 'onboarding', 'supervisor', 'admin']);
export type AgentRole = z.infer<typeof AgentRole>;

export const Agent = z.object({
  id: Id,
  name: z.string().min(1),
  email: z.string().email(),
  role: AgentRole,
  createdAt: Timestamp,
});
export type Agent = z.infer<typeof Agent>;

export const AuditEvent = z.object({
  id: Id,
  actorId: Id.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  data: z.record(z.string(), z.unknown()),
  at: Timestamp,
});
export type AuditEvent = z.infer<typeof AuditEvent>;
