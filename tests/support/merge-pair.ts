import type { OutpostApi } from '../../src-shared/api';

/**
 * Two not-closed conversations of one customer, for merge tests: found among the open ones, a
 * solved sibling reopened through the API when no customer already has two open.
 */
export async function findMergePair(api: Pick<OutpostApi, 'call'>): Promise<{ customerName: string; ids: [number, number] }> {
  const { rows } = await api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: 200 });
  let reopenable: { customerName: string; ids: [number, number] } | null = null;
  for (const row of rows) {
    const { history } = await api.call('conversation.get', { id: row.id });
    const live = history.find((h) => h.status === 'open' || h.status === 'pending');
    if (live) return { customerName: row.customerName, ids: [row.id, live.id] };
    const solved = history.find((h) => h.status === 'solved');
    if (solved && !reopenable) reopenable = { customerName: row.customerName, ids: [row.id, solved.id] };
  }
  if (!reopenable) throw new Error('no customer with two conversations that can be merged');
  await api.call('mutate', { name: 'setStatus', args: { conversationId: reopenable.ids[1], to: 'open', expectedFrom: 'solved' } });
  return reopenable;
}
