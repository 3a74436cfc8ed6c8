import type { Agent, Conversation, Customer, Message, Order } from '../domain';
import type { MacroValues } from './template';

/** Until the shop reports its own policy, returns are accepted this many days after delivery. */
export const DEFAULT_RETURN_WINDOW_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

export interface MacroContext {
  conversation: Pick<Conversation, 'subject'>;
  messages: Pick<Message, 'text'>[];
  customer: Customer;
  orders: Order[];
  agent: Pick<Agent, 'name'> | null;
  timezone?: string;
  returnWindowDays?: number;
}

/** The order the conversation is about: one whose number a message mentions, else the latest placed. */
export function orderInQuestion(orders: Order[], messages: Pick<Message, 'text'>[]): Order | undefined {
  const mentioned = orders.filter((o) => messages.some((m) => mentionsNumber(m.text, o.number)));
  const pool = mentioned.length > 0 ? mentioned : orders;
  return pool.reduce<Order | undefined>((best, o) => (!best || o.placedAt > best.placedAt ? o : best), undefined);
}

/** Whole-token match, so order NW1001 isn't found inside NW10012. */
function mentionsNumber(text: string, number: string): boolean {
  const i = text.toUpperCase().indexOf(number.toUpperCase());
  if (i < 0) return false;
  const after = text.charAt(i + number.length);
  const before = i > 0 ? text.charAt(i - 1) : '';
  return !/[A-Za-z0-9]/.test(after) && !/[A-Za-z0-9]/.test(before);
}

const firstWord = (name: string) => name.trim().split(/\s+/)[0] || null;
const humanize = (s: string) => s.replace(/_/g, ' ');

export function formatDate(at: number, timezone = 'UTC'): string {
  return new Date(at).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: timezone });
}

/** Every variable's value for one conversation; null where the data has none. */
export function macroValues(ctx: MacroContext): MacroValues {
  const order = orderInQuestion(ctx.orders, ctx.messages);
  const shipment = order?.shipments.at(-1);
  const delivered = order?.shipments.find((s) => s.status === 'delivered');
  const windowStart = delivered?.updatedAt ?? order?.placedAt;
  const windowDays = ctx.returnWindowDays ?? DEFAULT_RETURN_WINDOW_DAYS;
  return {
    'customer.firstName': firstWord(ctx.customer.name),
    'customer.name': ctx.customer.name.trim() || null,
    'customer.email': ctx.customer.identities.find((i) => i.kind === 'email')?.value ?? null,
    'order.number': order?.number ?? null,
    'order.status': order ? `${order.status}, ${humanize(order.fulfillmentStatus)}` : null,
    'order.trackingUrl': shipment?.trackingUrl ?? null,
    'order.trackingNumber': shipment?.trackingNumber ?? null,
    'order.carrier': shipment?.carrier ?? null,
    'order.shipmentStatus': shipment ? humanize(shipment.status) : null,
    'order.returnWindowEnds': windowStart !== undefined ? formatDate(windowStart + windowDays * DAY, ctx.timezone) : null,
    'agent.firstName': ctx.agent ? firstWord(ctx.agent.name) : null,
    'agent.name': ctx.agent?.name ?? null,
    'conversation.subject': ctx.conversation.subject.trim() || null,
  };
}
