import { toEntity, type Entity } from '../../../../src-shared/sync/rows';
import type { EntityKey, HubWriteTx } from '../../../store/contract';
import { emailRefs } from './email-refs';

export interface EmailCustomer {
  id: number;
  /** The customer and identity rows and the address ref to write when the customer is new; empty otherwise. */
  entities: Entity[];
  refs: (EntityKey & { ref: string })[];
}

/** "ines.garcia@example.com" → "Ines Garcia": a readable name when the From header has none. */
function nameFromAddress(address: string): string {
  const local = address.split('@')[0] ?? address;
  const words = local.split(/[._+-]+/).filter(Boolean);
  return words.length ? words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ') : address;
}

/** The customer who owns `address` (by its ref), or the rows of a new customer with that email identity (written by the caller). */
export async function findOrPlanCustomer(tx: HubWriteTx, address: string, displayName: string, at: number, nextId: () => number): Promise<EmailCustomer> {
  const ref = emailRefs.address(address);
  const found = (await tx.findRefs([ref])).get(ref);
  if (found?.kind === 'customer' && (await tx.getEntities([found])).size > 0) return { id: Number(found.id), entities: [], refs: [] };
  const id = nextId();
  return {
    id,
    entities: [
      toEntity('customer', { id, name: displayName.trim() || nameFromAddress(address), createdAt: at }),
      toEntity('customer_identity', { id: nextId(), customerId: id, kind: 'email', value: address }),
    ],
    refs: [{ ref, kind: 'customer', id: String(id) }],
  };
}
