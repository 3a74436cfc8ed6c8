import { z } from 'zod';
import type { Agent, Workspace } from '../domain';

export const AppArgs = {
  'app.info': z.object({}),
} as const;

export interface AppResults {
  'app.info': {
    workspace: Workspace;
    me: Agent;
    agents: Agent[];
    schemaVersion: number;
    protocolVersion: number;
    dataDir: string;
    totals: { conversations: number; messages: number; customers: number };
  };
}
