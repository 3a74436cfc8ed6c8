import { createHash, randomBytes } from 'node:crypto';

/** Session tokens: 32 random bytes, base64url. Only their SHA-256 is stored, so a leaked store grants no session. */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The token of an `Authorization: Bearer <token>` header, or null when there is none of the right shape. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m && TOKEN_SHAPE.test(m[1]!) ? m[1]! : null;
}
