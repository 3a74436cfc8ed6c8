import { create } from 'zustand';
import type { ApiResultOf } from '../../src-shared/api';
import type { Agent } from '../../src-shared/domain';
import { api, describeError } from '../api/api';

type AppInfo = ApiResultOf<'app.info'>;

interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  load(): Promise<void>;
}

export const useAppInfoStore = create<AppInfoState>((set) => ({
  info: null,
  error: null,
  async load() {
    try {
      set({ info: await api.call('app.info', {}), error: null });
    } catch (e) {
      set({ error: describeError(e).message });
    }
  },
}));

/** Agent display name by id, for assignees and note authors. */
export function useAgentName(): (id: number | null) => string | null {
  const agents = useAppInfoStore((s) => s.info?.agents);
  const me = useAppInfoStore((s) => s.info?.me);
  return (id) => {
    if (id === null) return null;
    if (me && id === me.id) return `${me.name} (me)`;
    return agents?.find((a: Agent) => a.id === id)?.name ?? `Agent #${id}`;
  };
}
