import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { addUser, disableUser, revokeSessions, ROLES, setPassword, setRole, type Role } from '../auth/users';
import { exportConversations } from '../export/jsonl-export';
import type { HubStore } from '../store/contract';
import { only, required, UsageError, wholeNumber, type CliOptions } from './args';
import { readNewPassword } from './password-input';

/** The store-maintenance commands; `serve` lives in cli.ts. Each prints what it did in one or a few lines. */
export type Output = { out: (line: string) => void; err: (line: string) => void };

function role(raw: string): Role {
  if (!ROLES.includes(raw as Role)) throw new UsageError(`unknown role "${raw}" (one of: ${ROLES.join(', ')})`);
  return raw as Role;
}

export async function userCommand(store: HubStore, sub: string | undefined, o: CliOptions, io: Output): Promise<void> {
  switch (sub) {
    case 'add': {
      only(o, 'user add', 'email', 'name', 'role', 'password-stdin');
      const { email, name } = required(o, 'email', 'name', 'role');
      const r = role(o.role!);
      const user = await addUser(store, { email, name, role: r, password: await readNewPassword(o['password-stdin'] === true) });
      return io.out(`Added ${user.name} <${user.email}> as ${user.role} (agent ${user.id}).`);
    }
    case 'list': {
      only(o, 'user list');
      for (const u of await store.users.list()) io.out([u.id, u.email, u.name, u.role, u.disabledAt === null ? 'active' : `disabled ${new Date(u.disabledAt).toISOString()}`].join('\t'));
      return;
    }
    case 'set-role': {
      only(o, 'user set-role', 'email', 'role');
      const { email } = required(o, 'email', 'role');
      const user = await setRole(store, email, role(o.role!));
      return io.out(`${user.email} is now ${user.role}.`);
    }
    case 'passwd': {
      only(o, 'user passwd', 'email', 'password-stdin');
      const { email } = required(o, 'email');
      const { revoked } = await setPassword(store, email, await readNewPassword(o['password-stdin'] === true));
      return io.out(`Password changed for ${email}; ${revoked} session(s) signed out.`);
    }
    case 'disable': {
      only(o, 'user disable', 'email');
      const { email } = required(o, 'email');
      const { revoked } = await disableUser(store, email);
      return io.out(`${email} is disabled; ${revoked} session(s) signed out.`);
    }
    default:
      throw new UsageError(sub ? `unknown user command "${sub}"` : 'user needs a command: add, list, set-role, passwd or disable');
  }
}

export async function sessionCommand(store: HubStore, sub: string | undefined, o: CliOptions, io: Output): Promise<void> {
  if (sub !== 'revoke') throw new UsageError(sub ? `unknown session command "${sub}"` : 'session needs a command: revoke');
  only(o, 'session revoke', 'email');
  const { email } = required(o, 'email');
  const { revoked } = await revokeSessions(store, email);
  io.out(`${revoked} session(s) of ${email} signed out.`);
}

export async function auditCommand(store: HubStore, o: CliOptions, io: Output): Promise<void> {
  only(o, 'audit', 'limit');
  const limit = wholeNumber('limit', o.limit, 50, 1, 10_000);
  for (const a of await store.audit.list({ limit })) {
    io.out([new Date(a.at).toISOString(), `actor ${a.actorId ?? '-'}`, a.clientId ? `${a.clientId}#${a.mutationId ?? '-'}` : '-', a.action, `${a.entityType} ${a.entityId}`, JSON.stringify(a.data)].join('\t'));
  }
}

export async function exportCommand(store: HubStore, o: CliOptions, io: Output): Promise<void> {
  only(o, 'export', 'format', 'out');
  const { format } = required(o, 'format');
  if (format !== 'jsonl') throw new UsageError(`unknown export format "${format}" (only jsonl)`);
  const target: Writable = o.out ? createWriteStream(o.out, { flags: 'wx' }) : process.stdout;
  if (o.out) {
    // Never over an existing file: an export is often a backup.
    await once(target, 'open').catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'EEXIST' ? new UsageError(`${o.out} already exists; choose another file`, false) : e;
    });
  }
  const write = async (line: string) => {
    if (!target.write(line)) await once(target, 'drain');
  };
  const count = await exportConversations(store, write, (done) => io.err(`exported ${done.toLocaleString('en')} conversations`));
  if (o.out) await new Promise<void>((resolve, reject) => target.end((e?: Error | null) => (e ? reject(e) : resolve())));
  io.err(`Exported ${count.toLocaleString('en')} conversations${o.out ? ` to ${o.out}` : ''}.`);
}

export async function compactCommand(store: HubStore, o: CliOptions, io: Output): Promise<void> {
  only(o, 'compact', 'keep');
  const keep = wholeNumber('keep', required(o, 'keep').keep, 0, 0, Number.MAX_SAFE_INTEGER);
  const version = await store.version();
  if (version - keep <= 0) return io.out(`Nothing to compact: the hub is at version ${version}.`);
  const dropped = await store.compact(version - keep);
  io.out(`Dropped ${dropped} deletion(s) at or below version ${version - keep}; desktops behind it will resync.`);
}
