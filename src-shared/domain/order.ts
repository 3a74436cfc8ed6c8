import { z } from 'zod';
import { Id, Timestamp } from './ids';

export const OrderItem = z.object({
  sku: z.string(),
  title: z.string(),
  quantity: z.number().int().positive(),
  priceCents: z.number().int().nonnegative(),
});

export const ShipmentStatus = z.enum(['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'delayed', 'exception']);
export const Shipment = z.object({
  carrier: z.string(),
  trackingNumber: z.string(),
  trackingUrl: z.string().url(),
  status: ShipmentStatus,
  updatedAt: Timestamp,
});

export const ReturnStatus = z.enum(['requested', 'approved', 'in_transit', 'received', 'refunded', 'rejected']);
export const OrderReturn = z.object({
  status: ReturnStatus,
  reason: z.string(),
  skus: z.array(z.string()),
  createdAt: Timestamp,
});

export const Refund = z.object({
  amountCents: z.number().int().positive(),
  reason: z.string(),
  createdAt: Timestamp,
});

export const OrderStatus = z.enum(['open', 'cancelled', 'closed']);
export const FinancialStatus = z.enum(['pending', 'paid', 'partially_refunded', 'refunded']);
export const FulfillmentStatus = z.enum(['unfulfilled', 'partial', 'fulfilled']);

/** An order as the shop reports it. Outpost reads orders; the shop stays their source of truth. */
export const Order = z.object({
  id: Id,
  customerId: Id,
  number: z.string(),
  placedAt: Timestamp,
  status: OrderStatus,
  financialStatus: FinancialStatus,
  fulfillmentStatus: FulfillmentStatus,
  currency: z.string().length(3),
  totalCents: z.number().int().nonnegative(),
  items: z.array(OrderItem),
  shipments: z.array(Shipment),
  returns: z.array(OrderReturn),
  refunds: z.array(Refund),
});
export type Order = z.infer<typeof Order>;
export type Shipment = z.infer<typeof Shipment>;
