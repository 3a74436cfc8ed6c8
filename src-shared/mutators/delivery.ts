import { z } from 'zod';
import { Id } from '../domain';
import { MutationRejected, type MutatorTx } from './tx';

/** Sending a reply again. The hub's outbound queue does the sending; a mutation only asks for it. */
export const deliveryMutationArgs = {
  /**
   * Queues a failed outbound email again. The hub then makes its failed send job pending again,
   * keeping its Message-ID, so the customer's mail program threads it like the first attempt.
   */
  retrySend: z.object({ messageId: Id }),
} as const;

type Args = typeof deliveryMutationArgs;

export const deliveryMutators: { [N in keyof Args]: (tx: MutatorTx, args: z.output<Args[N]>) => void } = {
  retrySend(tx, { messageId }) {
    const m = tx.getMessage(messageId);
    if (!m) throw new MutationRejected('not_found', `message ${messageId} does not exist`);
    if (m.direction !== 'outbound' || m.channel !== 'email') throw new MutationRejected('invalid', 'only an email reply can be sent again');
    // Queued or sent already (a colleague retried first, or the hub got it through): nothing to redo.
    if (m.deliveryStatus !== 'failed') throw new MutationRejected('invalid_transition', `this reply is ${m.deliveryStatus}, not failed: there is nothing to retry`);
    const c = tx.getConversation(m.conversationId);
    if (c?.status === 'closed') throw new MutationRejected('invalid_transition', 'a closed conversation cannot be answered');
    tx.updateMessageDelivery(messageId, { deliveryStatus: 'queued', deliveryError: null });
    tx.audit('message.retrySend', 'message', String(messageId), {});
  },
};
