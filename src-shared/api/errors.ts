/**
 * Errors carry a kind the UI can tell apart (Actual Budget's habit): an invalid payload is the
 * caller's bug, a rejection is a rule, `unavailable` means the core is gone or restarting.
 */
export type ApiErrorKind = 'invalid' | 'not_found' | 'rejected' | 'conflict' | 'auth' | 'unavailable' | 'internal';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
