import type { Order } from '../../src-shared/domain';
import { humanize, money, shortDate } from '../shared/format';

export function OrderCard({ order }: { order: Order }) {
  return (
    <li className="order">
      <div className="order-head">
        <span className="order-number">Order {order.number}</span>
        <span className="order-total">{money(order.totalCents, order.currency)}</span>
      </div>
      <div className="order-meta">
        {shortDate(order.placedAt)} · {humanize(order.status)} · <span className={`fin fin-${order.financialStatus}`}>{humanize(order.financialStatus)}</span> ·{' '}
        {humanize(order.fulfillmentStatus)}
      </div>
      <ul className="order-items" aria-label={`Items in order ${order.number}`}>
        {order.items.map((item) => (
          <li key={item.sku}>
            <span>
              {item.quantity} × {item.title}
            </span>
            <span className="muted">{money(item.priceCents * item.quantity, order.currency)}</span>
          </li>
        ))}
      </ul>
      {order.shipments.map((s) => (
        <div key={s.trackingNumber} className={`shipment ship-${s.status}`}>
          <span className="shipment-carrier">{s.carrier}</span>{' '}
          <a href={s.trackingUrl} target="_blank" rel="noreferrer noopener">
            {s.trackingNumber}
          </a>{' '}
          <span className="shipment-status">{humanize(s.status)}</span>
        </div>
      ))}
      {order.returns.map((r, i) => (
        <div key={`r${i}`} className="order-return">
          Return {humanize(r.status).toLowerCase()}: {r.reason} ({r.skus.join(', ')}) · {shortDate(r.createdAt)}
        </div>
      ))}
      {order.refunds.map((r, i) => (
        <div key={`f${i}`} className="order-refund">
          Refunded {money(r.amountCents, order.currency)}: {r.reason} · {shortDate(r.createdAt)}
        </div>
      ))}
    </li>
  );
}
