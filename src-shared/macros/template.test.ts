import { describe, expect, it } from 'vitest';
import type { Customer, Order } from '../domain';
import { macroValues, orderInQuestion, renderMacro, unknownVariables } from './index';

const customer: Customer = { id: 1, name: 'Maya Lindqvist', identities: [{ kind: 'phone', value: '+1 555' }, { kind: 'email', value: 'maya@example.com' }], createdAt: 0 };
const DAY = 86_400_000;

function order(number: string, placedAt: number, over: Partial<Order> = {}): Order {
  return {
    id: placedAt, customerId: 1, number, placedAt, status: 'open', financialStatus: 'paid', fulfillmentStatus: 'fulfilled', currency: 'USD',
    totalCents: 1000, items: [], shipments: [], returns: [], refunds: [], ...over,
  };
}
const shipped = order('NW10001', Date.UTC(2026, 0, 10), {
  shipments: [{ carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://track.example/1Z999', status: 'delivered', updatedAt: Date.UTC(2026, 0, 14) }],
});
const later = order('NW10002', Date.UTC(2026, 1, 1));

describe('renderMacro', () => {
  it('fills known variables, tolerating spaces inside the braces', () => {
    const r = renderMacro('Hi {{customer.firstName}}, track it at {{ order.trackingUrl }}.', { 'customer.firstName': 'Maya', 'order.trackingUrl': 'https://t/1' });
    expect(r.text).toBe('Hi Maya, track it at https://t/1.');
    expect(r.missing).toEqual([]);
    expect(r.parts.filter((p) => p.kind === 'filled').map((p) => p.text)).toEqual(['Maya', 'https://t/1']);
  });

  it('leaves a missing value visible and reports it once', () => {
    const r = renderMacro('Order {{order.number}} ({{order.number}}) for {{customer.firstName}}', { 'customer.firstName': 'Maya', 'order.number': null });
    expect(r.text).toBe('Order [order number] ([order number]) for Maya');
    expect(r.missing).toEqual(['order.number']);
  });

  it('reports unknown variables for save-time validation', () => {
    expect(unknownVariables('Hi {{customer.firstName}} {{customer.nickname}} {{ order.foo }}')).toEqual(['customer.nickname', 'order.foo']);
    expect(unknownVariables('no variables, {single} braces')).toEqual([]);
  });
});

describe('macroValues', () => {
  const base = { conversation: { subject: 'Where is my parcel?' }, customer, agent: { name: 'Sam Okafor' }, timezone: 'UTC' };

  it('picks the order a message mentions, else the latest, and derives tracking and the return window', () => {
    const v = macroValues({ ...base, orders: [later, shipped], messages: [{ text: 'Hello, about order nw10001 please' }] });
    expect(v['order.number']).toBe('NW10001');
    expect(v['order.trackingUrl']).toBe('https://track.example/1Z999');
    expect(v['order.carrier']).toBe('UPS');
    expect(v['order.shipmentStatus']).toBe('delivered');
    // 30 days after delivery on January 14.
    expect(v['order.returnWindowEnds']).toBe('February 13, 2026');
    expect(v['customer.firstName']).toBe('Maya');
    expect(v['customer.email']).toBe('maya@example.com');
    expect(v['agent.firstName']).toBe('Sam');
  });

  it('falls back to the most recent order, with no tracking when it has not shipped', () => {
    const v = macroValues({ ...base, orders: [shipped, later], messages: [{ text: 'Where is it?' }] });
    expect(v['order.number']).toBe('NW10002');
    expect(v['order.trackingUrl']).toBeNull();
    expect(v['order.returnWindowEnds']).toBe('March 3, 2026');
    expect(renderMacro('{{order.trackingUrl}}', v).missing).toEqual(['order.trackingUrl']);
  });

  it('does not mistake a longer number for the order', () => {
    expect(orderInQuestion([shipped, later], [{ text: 'ref NW100012' }])?.number).toBe('NW10002');
  });

  it('has no order values for a customer without orders', () => {
    const v = macroValues({ ...base, orders: [], messages: [], agent: null });
    expect(v['order.number']).toBeNull();
    expect(v['agent.name']).toBeNull();
  });

  it('uses a configured return window', () => {
    expect(macroValues({ ...base, orders: [later], messages: [], returnWindowDays: 14 })['order.returnWindowEnds']).toBe(formatUtc(later.placedAt + 14 * DAY));
  });
});

const formatUtc = (at: number) => new Date(at).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
