import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes: scrypt (memory-hard, in node:crypto) as one self-describing PHC-style string,
 *   $scrypt$ln=15,r=8,p=1$<salt base64>$<hash base64>
 * so stronger parameters can be adopted later without breaking stored hashes.
 */
const LOG_N = 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on parameters read back from a stored hash, so a tampered row cannot make a login eat the machine. */
const MAX_LOG_N = 20;
const MAX_R = 16;
const MAX_P = 4;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  // 128·N·r bytes of memory (32 MiB at the defaults); maxmem leaves headroom above Node's 32 MiB default.
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, LOG_N, R, P);
  return `$scrypt$ln=${LOG_N},r=${R},p=${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Whether `password` matches `stored`; false (never a throw) for a malformed or out-of-bounds hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (logN < 1 || logN > MAX_LOG_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  if (expected.length !== KEY_BYTES) return false;
  const actual = await derive(password, Buffer.from(m[4]!, 'base64'), logN, r, p);
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;
/** Made once, ahead of the first sign-in, so even that one costs no extra hashing. */
export const prepareUnknownAccountCheck = (): Promise<string> => (dummy ??= hashPassword('no account has this password'));

/**
 * Spends the same work as a real check, for a sign-in whose email has no usable account: the
 * answer's timing must not tell which emails exist.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  await verifyPassword(password, await prepareUnknownAccountCheck());
  return false;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Why a new password is too weak, or null. Length matters most; the rest catches the obvious guesses. */
export function passwordWeakness(password: string, who: { email: string; name: string }): string | null {
  if (password.length === 0) return 'the password is empty';
  if (password.length < MIN_PASSWORD_LENGTH) return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 1024) return 'the password is longer than 1024 characters';
  if (new Set(password).size < 5) return 'the password repeats too few different characters';
  const lower = password.toLowerCase();
  const local = who.email.split('@')[0]!.toLowerCase();
  const words = [local, ...who.name.toLowerCase().split(/\s+/)].filter((w) => w.length >= 3);
  if (words.some((w) => lower.includes(w))) return 'the password contains the user\'s name or email';
  if (/^(.)\1*$|^(0123456789|1234567890|password|qwertyuiop)/i.test(password)) return 'the password is too easy to guess';
  return null;
}
