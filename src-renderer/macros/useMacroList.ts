import { useCallback, useEffect, useState } from 'react';
import type { ApiResultOf } from '../../src-shared/api';
import { api, describeError } from '../api/api';

type MacroList = ApiResultOf<'macro.list'>;

/** Macros matching a search, reloaded as the query settles; `reload` after a save or delete. */
export function useMacroList(query: string) {
  const [state, setState] = useState<{ list: MacroList | null; error: string | null; version: number }>({ list: null, error: null, version: 0 });
  const reload = useCallback(() => setState((s) => ({ ...s, version: s.version + 1 })), []);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.call('macro.list', { q: query.trim() || undefined }).then(
        (list) => live && setState((s) => ({ ...s, list, error: null })),
        (e: unknown) => live && setState((s) => ({ ...s, error: describeError(e).message })),
      );
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, state.version]);
  return { list: state.list, error: state.error, reload };
}
