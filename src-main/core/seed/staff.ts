import type Database from 'better-sqlite3';
import { DAY, HISTORY_SPAN } from './mix';
import type { AgentProfile } from './people';
import type { Random } from './random';
import { catalog, texts } from './templates';

/** The workspace, its team, this desktop's session and the team's shared macros. */
export function writeStaff(client: Database.Database, rng: Random, now: number, agents: AgentProfile[], localAgent: AgentProfile): void {
  const createdAt = now - HISTORY_SPAN - 30 * DAY;
  client.prepare('INSERT INTO workspace (id, name, timezone, created_at) VALUES (1, ?, ?, ?)').run(catalog.shop.name, catalog.shop.timezone, createdAt);
  const insertAgent = client.prepare('INSERT INTO agent (id, name, email, role, created_at) VALUES (?, ?, ?, ?, ?)');
  for (const a of agents) insertAgent.run(a.id, a.name, a.email, a.role, createdAt + rng.int(0, 400) * DAY);
  client.prepare('INSERT INTO local_session (id, agent_id, client_id) VALUES (1, ?, ?)').run(localAgent.id, rng.uuid());
  const insertMacro = client.prepare(
    "INSERT INTO macro (id, name, body, actions_json, scope, owner_id, usage_count) VALUES (?, ?, ?, ?, 'shared', NULL, ?)",
  );
  texts.macros.forEach((m, i) => insertMacro.run(i + 1, m.name, m.body, JSON.stringify(m.actions), rng.int(20, 5000)));
}
