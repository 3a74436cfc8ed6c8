export interface SystemBinary {
  pkg: string;
  path(): string;
  what: string;
}
export type SystemBinaryName = 'chromium' | 'dovecot' | 'dovecot-imap' | 'dovecot-lmtp' | 'initdb' | 'pg_ctl' | 'mbsync';
export const SYSTEM_BINARIES: Record<SystemBinaryName, SystemBinary>;
export function postgresBinDirs(): string[];
export function systemBinary(name: SystemBinaryName): string;
export function missingPackages(): string[];
export function installSystemPackages(opts?: { logFile?: string }): Promise<{ ok: boolean; packages: string[]; seconds: number; problem?: string }>;
