import { normalizeIdentity, type AgentRole, type Channel, type IdentityKind } from '../../../src-shared/domain';
import type { Random } from './random';
import { catalog } from './templates';

export interface AgentProfile {
  id: number;
  name: string;
  firstName: string;
  email: string;
  role: AgentRole;
}

export interface CustomerProfile {
  id: number;
  firstName: string;
  lastName: string;
  name: string;
  createdAt: number;
  identities: { kind: IdentityKind; value: string }[];
}

/** Identity values must be plain ASCII to look like real addresses and handles. */
function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

export function makeAgents(): AgentProfile[] {
  return catalog.agents.map((a, i) => {
    const [first = a.name, ...rest] = a.name.split(' ');
    return {
      id: i + 1,
      name: a.name,
      firstName: first,
      email: `${asciiSlug(first)}.${asciiSlug(rest.join(''))}@${catalog.shop.domain}`,
      role: a.role,
    };
  });
}

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'inbox.example'];

/**
 * A customer with an identity for every channel they write on, plus a few extra (most shops know
 * an email from the order; some people also leave a phone). The customer id is folded into every
 * value so identities stay unique across a million customers.
 */
export function makeCustomer(rng: Random, id: number, channels: readonly Channel[], createdAt: number): CustomerProfile {
  const firstName = rng.pick(catalog.firstNames);
  const lastName = rng.pick(catalog.lastNames);
  const f = asciiSlug(firstName);
  const l = asciiSlug(lastName);
  const tag = id.toString(36);
  const identities: { kind: IdentityKind; value: string }[] = [];
  const add = (kind: IdentityKind, value: string) => identities.push({ kind, value: normalizeIdentity(kind, value) });

  const local = rng.pick([`${f}.${l}${id}`, `${f}${l}.${tag}`, `${f[0] ?? 'x'}${l}${id}`, `${f}_${tag}`]);
  add('email', `${local}@${rng.pick(EMAIL_DOMAINS)}`);
  // Area code and line number together encode the id (4271 is coprime with 9e6), so numbers never collide.
  const phone = `+1 ${201 + (id % 700)} ${1_000_000 + ((Math.floor(id / 700) * 4271) % 9_000_000)}`;
  const has = (c: Channel) => channels.includes(c);
  if (has('whatsapp') || rng.chance(0.45)) add('phone', phone);
  if (has('whatsapp')) add('whatsapp', phone);
  if (has('instagram') || rng.chance(0.08)) add('instagram', `@${f}.${l}.${tag}`);
  if (has('messenger')) add('messenger', String(4_000_000_000_000 + id * 7919));
  if (has('x')) add('x', `@${f}${l.slice(0, 1)}_${tag}`);
  return { id, firstName, lastName, name: `${firstName} ${lastName}`, createdAt, identities };
}
