import { z } from 'zod';
import { Id, Timestamp } from './ids';

/** How a person reaches the shop. One customer may hold many of them across channels. */
export const IdentityKind = z.enum(['email', 'phone', 'whatsapp', 'instagram', 'messenger', 'x']);
export type IdentityKind = z.infer<typeof IdentityKind>;

export const CustomerIdentity = z.object({
  kind: IdentityKind,
  value: z.string().min(1),
});
export type CustomerIdentity = z.infer<typeof CustomerIdentity>;

export const Customer = z.object({
  id: Id,
  name: z.string(),
  identities: z.array(CustomerIdentity),
  createdAt: Timestamp,
});
export type Customer = z.infer<typeof Customer>;

/** Identity values are compared in a normal form so the same person is found on every channel. */
export function normalizeIdentity(kind: IdentityKind, value: string): string {
  const v = value.trim();
  switch (kind) {
    case 'email':
      return v.toLowerCase();
    case 'phone':
    case 'whatsapp':
      return v.replace(/[^\d+]/g, '').replace(/^00/, '+');
    case 'instagram':
    case 'x':
      return v.replace(/^@/, '').toLowerCase();
    case 'messenger':
      return v;
  }
}
