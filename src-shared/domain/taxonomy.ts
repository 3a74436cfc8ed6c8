import { z } from 'zod';

/** The ecommerce ticket taxonomy. `other` catches what a shop has not classified yet. */
export const Category = z.enum([
  'shipping_status',
  'returns_exchanges',
  'order_changes',
  'product_questions',
  'billing',
  'checkout_problems',
  'subscriptions',
  'other',
]);
export type Category = z.infer<typeof Category>;

export const CATEGORY_LABELS: Record<Category, string> = {
  shipping_status: 'Shipping status (WISMO)',
  returns_exchanges: 'Returns & exchanges',
  order_changes: 'Order changes',
  product_questions: 'Product questions',
  billing: 'Billing',
  checkout_problems: 'Checkout problems',
  subscriptions: 'Subscriptions',
  other: 'Other',
};

export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;
export const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
