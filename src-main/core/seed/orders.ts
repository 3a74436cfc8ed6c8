import type { Category, Order, Shipment } from '../../../src-shared/domain';
import { DAY, HOUR } from './mix';
import type { Random } from './random';
import { catalog } from './templates';

/** What a conversation's texts say about the order it concerns. */
export interface OrderFacts {
  number: string;
  product: string;
  product2: string;
  size: string;
  newSize: string;
  color: string;
  carrier: string;
  tracking: string;
  trackingUrl: string;
  amountCents: number;
}

export interface SeedOrder {
  row: Omit<Order, 'items' | 'shipments' | 'returns' | 'refunds'> & {
    itemsJson: string;
    shipmentsJson: string;
    returnsJson: string;
    refundsJson: string;
  };
  facts: OrderFacts;
}

/** What the conversation about this order looks like, so the order's state agrees with it. */
export interface OrderContext {
  category: Category | null;
  active: boolean;
  now: number;
}

function trackingNumber(rng: Random, format: string): string {
  return format.replace(/\{([AD])(\d+)\}/g, (_, kind: string, n: string) =>
    kind === 'D' ? rng.digits(Number(n)) : rng.alphanumeric(Number(n)),
  );
}

function shipmentStatus(rng: Random, ctx: OrderContext, shippedAt: number): Shipment['status'] {
  if (ctx.category === 'shipping_status' && ctx.active) {
    return rng.pick(['label_created', 'label_created', 'in_transit', 'in_transit', 'delayed', 'exception', 'out_for_delivery']);
  }
  return shippedAt + 4 * DAY < ctx.now ? 'delivered' : 'in_transit';
}

/** An order as the shop would report it, placed at `placedAt`, consistent with the conversation's story. */
export function makeOrder(rng: Random, id: number, customerId: number, placedAt: number, ctx: OrderContext): SeedOrder {
  const lines = rng.int(1, 3);
  const items: Order['items'] = [];
  for (let i = 0; i < lines; i++) {
    const p = rng.pick(catalog.products);
    items.push({ sku: `${p.sku}-${rng.pick(p.sizes).replace(/\W+/g, '')}`, title: p.title, quantity: rng.chance(0.9) ? 1 : 2, priceCents: p.priceCents });
  }
  const first = catalog.products.find((p) => items[0]?.title === p.title) ?? catalog.products[0]!;
  const size = rng.pick(first.sizes);
  const newSize = first.sizes.length > 1 ? rng.pick(first.sizes.filter((s) => s !== size)) : size;
  const totalCents = items.reduce((s, it) => s + it.priceCents * it.quantity, 0);
  const carrier = rng.pick(catalog.carriers);
  const tracking = trackingNumber(rng, carrier.format);
  const trackingUrl = carrier.trackingUrl + tracking;

  const unshipped = ctx.category === 'shipping_status' && ctx.active && rng.chance(0.15);
  const shippedAt = placedAt + rng.int(6, 60) * HOUR;
  const shipments: Shipment[] = unshipped
    ? []
    : [{ carrier: carrier.name, trackingNumber: tracking, trackingUrl, status: shipmentStatus(rng, ctx, shippedAt), updatedAt: Math.min(ctx.now, shippedAt + rng.int(1, 96) * HOUR) }];

  const returns: Order['returns'] = [];
  const refunds: Order['refunds'] = [];
  const refundAt = Math.min(ctx.now, placedAt + rng.int(8, 30) * DAY);
  if (ctx.category === 'returns_exchanges') {
    const status = ctx.active ? rng.pick(['requested', 'approved', 'in_transit'] as const) : rng.chance(0.93) ? 'refunded' : 'rejected';
    returns.push({ status, reason: rng.pick(catalog.returnReasons), skus: [items[0]!.sku], createdAt: Math.min(ctx.now, placedAt + rng.int(5, 20) * DAY) });
    if (status === 'refunded') refunds.push({ amountCents: items[0]!.priceCents, reason: 'Return received', createdAt: refundAt });
  } else if ((ctx.category === 'billing' || ctx.category === 'order_changes') && !ctx.active && rng.chance(0.5)) {
    refunds.push({ amountCents: Math.max(100, Math.round(totalCents * rng.pick([1, 0.5, 0.15]))), reason: rng.pick(catalog.refundReasons), createdAt: refundAt });
  }
  const refunded = refunds.reduce((s, r) => s + r.amountCents, 0);
  const cancelled = ctx.category === 'order_changes' && refunded >= totalCents;

  return {
    row: {
      id,
      customerId,
      number: `${catalog.shop.orderPrefix}${10_000 + id}`,
      placedAt,
      status: cancelled ? 'cancelled' : shipments[0]?.status === 'delivered' ? 'closed' : 'open',
      financialStatus: refunded === 0 ? 'paid' : refunded >= totalCents ? 'refunded' : 'partially_refunded',
      fulfillmentStatus: shipments.length === 0 ? 'unfulfilled' : 'fulfilled',
      currency: 'USD',
      totalCents,
      itemsJson: JSON.stringify(items),
      shipmentsJson: JSON.stringify(shipments),
      returnsJson: JSON.stringify(returns),
      refundsJson: JSON.stringify(refunds),
    },
    facts: {
      number: `${catalog.shop.orderPrefix}${10_000 + id}`,
      product: first.title,
      product2: rng.pick(catalog.products).title,
      size,
      newSize,
      color: rng.pick(first.colors),
      carrier: carrier.name,
      tracking,
      trackingUrl,
      amountCents: refunds[0]?.amountCents ?? items[0]!.priceCents,
    },
  };
}
