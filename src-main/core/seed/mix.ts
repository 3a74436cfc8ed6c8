import type { Category, Channel, ConversationStatus, Priority } from '../../../src-shared/domain';
import { Weighted } from './random';

/** Shares close to what ecommerce help desks report: WISMO dominates, checkout issues are rare. */
export const CATEGORY_MIX = new Weighted<Category>([
  ['shipping_status', 32],
  ['returns_exchanges', 20],
  ['product_questions', 14],
  ['order_changes', 9],
  ['subscriptions', 8],
  ['billing', 7],
  ['checkout_problems', 5],
  ['other', 5],
]);

export const CHANNEL_MIX = new Weighted<Channel>([
  ['email', 45],
  ['chat', 25],
  ['whatsapp', 15],
  ['instagram', 8],
  ['messenger', 5],
  ['x', 2],
]);

/** Mostly history, plus the backlog a team is working through today. */
export const STATUS_MIX = new Weighted<ConversationStatus>([
  ['open', 8],
  ['pending', 5],
  ['snoozed', 2],
  ['solved', 25],
  ['closed', 60],
]);

export const PRIORITY_MIX = new Weighted<Priority>([
  ['low', 10],
  ['normal', 70],
  ['high', 15],
  ['urgent', 5],
]);

/** Conversations per customer: most write once, some come back on another channel. Mean ≈ 1.3. */
export const CONVERSATIONS_PER_CUSTOMER = new Weighted<number>([
  [1, 78],
  [2, 15],
  [3, 7],
]);

/** Thread lengths; the average lands near five messages per conversation. */
export const MESSAGE_COUNT = new Weighted<number>([
  [1, 3],
  [2, 10],
  [3, 17],
  [4, 18],
  [5, 16],
  [6, 12],
  [7, 9],
  [8, 6],
  [9, 4],
  [10, 3],
  [12, 2],
]);

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const MINUTE = 60_000;

/** How long the history reaches back from `now`. */
export const HISTORY_SPAN = 730 * DAY;


/** Typical wait before someone answers, per channel: chat is minutes, email is hours. */
export const REPLY_DELAY_MEAN: Record<Channel, { agent: number; customer: number }> = {
  email: { agent: 9 * HOUR, customer: 14 * HOUR },
  chat: { agent: 3 * MINUTE, customer: 2 * MINUTE },
  whatsapp: { agent: 25 * MINUTE, customer: 50 * MINUTE },
  instagram: { agent: 2 * HOUR, customer: 2 * HOUR },
  messenger: { agent: 90 * MINUTE, customer: 2 * HOUR },
  x: { agent: 2 * HOUR, customer: 3 * HOUR },
};
