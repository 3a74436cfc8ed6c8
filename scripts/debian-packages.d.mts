export function postgresBinDirs(): string[];
export function ensureDebianPackage(
  pkg: string,
  present: () => boolean,
  what: string,
  runStep?: (name: string, command: string, args: string[], env: Record<string, string>) => boolean,
): boolean;
export const dovecotParts: Record<string, string>;
export function ensureDovecot(runStep?: (name: string, command: string, args: string[], env: Record<string, string>) => boolean): boolean;
