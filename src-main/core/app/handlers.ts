import { asc } from 'drizzle-orm';
import { API_PROTOCOL_VERSION, ApiError } from '../../../src-shared/api';
import type { Agent } from '../../../src-shared/domain';
import type { Handlers } from '../api/dispatcher';
import { countRows, type CoreContext } from '../context';
import * as t from '../db/schema';

export function appHandlers(ctx: CoreContext): Pick<Handlers, 'app.info'> {
  const { db } = ctx;
  return {
    'app.info': () => {
      const ws = db.select().from(t.workspace).get();
      if (!ws) throw new ApiError('unavailable', 'the workspace is still arriving from the hub');
      const agents = db.select().from(t.agent).orderBy(asc(t.agent.name)).all() as Agent[];
      const me = agents.find((a) => a.id === ctx.me());
      if (!me) throw new ApiError('internal', `agent ${ctx.me()} of this desktop is missing`);
      return {
        workspace: ws,
        me,
        agents,
        schemaVersion: ctx.schemaVersion,
        protocolVersion: API_PROTOCOL_VERSION,
        dataDir: ctx.dataDir,
        totals: { conversations: countRows(db, 'conversation'), messages: countRows(db, 'message'), customers: countRows(db, 'customer') },
      };
    },
  };
}
