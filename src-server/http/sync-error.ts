import { SYNC_ERROR_STATUS, type SyncErrorBody, type SyncErrorKind } from '../../src-shared/sync/protocol';

/** A refusal the hub answers with a SyncErrorBody; anything else thrown becomes 503 `unavailable`. */
export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    /** Only where HTTP has a better word than the kind's own status (404, 405). */
    readonly status: number = SYNC_ERROR_STATUS[kind],
  ) {
    super(message);
    this.name = 'SyncError';
  }

  body(): SyncErrorBody {
    return { error: { kind: this.kind, message: this.message } };
  }
}
