import { latency, type Latency } from '../lib/stats';
import { startDesktop, waitFor, type Desktop } from '../../tests/support/desktop-core';
import { BENCH_PASSWORD, type BenchHub } from './hub-fixture';

/**
 * Poke to visible: desktop A tags a conversation; the time until desktop B's replica holds the
 * tag and B tells its console (`db-changed` naming the conversation). Both are real desktop cores
 * signed in to the hub over loopback.
 */
export async function runPokeToVisible(hub: BenchHub, samples: number): Promise<Latency> {
  const desktops: Desktop[] = [];
  try {
    for (const agent of hub.agents.slice(0, 2)) {
      const d = await startDesktop({ teamHub: { hubUrl: hub.process.url, email: agent.email, password: BENCH_PASSWORD } });
      desktops.push(d);
      await waitFor(() => d.core.sync.state().status === 'online' && d.core.sync.state().catchUp === null, 600_000, 'a bench desktop to catch up');
    }
    const [a, b] = desktops as [Desktop, Desktop];
    const ids = (await a.api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: 50 })).rows.map((r) => r.id);
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const conversationId = ids[i % ids.length]!;
      const tag = `poke-${i}`;
      const seen = new Promise<number>((resolve) => {
        const off = b.api.on('db-changed', (e) => {
          const has = b.core.db.$client.prepare('SELECT 1 FROM conversation_tag WHERE conversation_id = ? AND tag = ?').get(conversationId, tag);
          if (has && (e.conversationIds.length === 0 || e.conversationIds.includes(conversationId))) {
            off();
            resolve(performance.now());
          }
        });
      });
      const t0 = performance.now();
      await a.api.call('mutate', { name: 'addTag', args: { conversationId, tag } });
      times.push((await seen) - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return latency(times);
  } finally {
    for (const d of desktops) await d.close();
  }
}
