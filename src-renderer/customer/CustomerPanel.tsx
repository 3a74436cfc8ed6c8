import type { ConversationDetail } from '../../src-shared/api';
import type { IdentityKind } from '../../src-shared/domain';
import { useConversationStore } from '../conversation/conversationStore';
import { ChannelBadge } from '../shared/Badges';
import { relativeTime, shortDate, STATUS_LABELS } from '../shared/format';
import { OrderCard } from './OrderCard';

const IDENTITY_LABELS: Record<IdentityKind, string> = {
  email: 'Email',
  phone: 'Phone',
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  messenger: 'Messenger',
  x: 'X',
};

/** Everything about the customer an agent needs without leaving the conversation. */
export function CustomerPanel({ detail }: { detail: ConversationDetail }) {
  const { customer, orders, history, csat } = detail;
  const open = useConversationStore((s) => s.open);
  const others = history.filter((h) => h.id !== detail.conversation.id);

  return (
    <aside className="customer-panel" aria-label="Customer">
      <section className="panel-section">
        <h2 className="customer-name">{customer.name}</h2>
        <p className="muted">Customer since {shortDate(customer.createdAt)}</p>
        <dl className="identities">
          {customer.identities.map((i) => (
            <div key={`${i.kind}:${i.value}`}>
              <dt>{IDENTITY_LABELS[i.kind]}</dt>
              <dd>{i.value}</dd>
            </div>
          ))}
        </dl>
        {csat.length > 0 && (
          <p className="csat">
            CSAT: {csat.map((r) => `${r.score}/5`).join(', ')}
          </p>
        )}
      </section>

      <section className="panel-section" aria-labelledby="orders-title">
        <h3 id="orders-title">Orders ({orders.length})</h3>
        {orders.length === 0 ? (
          <p className="muted">No orders</p>
        ) : (
          <ul className="orders">
            {orders.map((o) => (
              <OrderCard key={o.id} order={o} />
            ))}
          </ul>
        )}
      </section>

      <section className="panel-section" aria-labelledby="history-title">
        <h3 id="history-title">Other conversations ({others.length})</h3>
        {others.length === 0 ? (
          <p className="muted">No other conversations</p>
        ) : (
          <ul className="history">
            {others.map((h) => (
              <li key={h.id}>
                <button type="button" className="history-item" onClick={() => open(h.id)}>
                  <span className="history-subject">{h.subject}</span>
                  <span className="history-meta">
                    <ChannelBadge channel={h.channel} /> {STATUS_LABELS[h.status]} · {relativeTime(h.lastActivityAt)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
