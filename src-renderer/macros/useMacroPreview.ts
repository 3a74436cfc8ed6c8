import { useEffect, useState } from 'react';
import type { ApiArgsOf, MacroPreview } from '../../src-shared/api';
import { api, describeError } from '../api/api';

type PreviewSource = ApiArgsOf<'macro.preview'>['macro'];

/** A live preview that follows its source; typing settles for a moment before the core renders it. */
export function useMacroPreview(source: PreviewSource | null, conversationId: number | null, delayMs = 150) {
  const [state, setState] = useState<{ preview: MacroPreview | null; error: string | null }>({ preview: null, error: null });
  const key = source && conversationId !== null ? JSON.stringify([source, conversationId]) : null;
  useEffect(() => {
    if (key === null) {
      setState({ preview: null, error: null });
      return;
    }
    let live = true;
    const [macro, id] = JSON.parse(key) as [PreviewSource, number];
    const timer = setTimeout(() => {
      api.call('macro.preview', { macro, conversationId: id }).then(
        (preview) => live && setState({ preview, error: null }),
        (e: unknown) => live && setState({ preview: null, error: describeError(e).message }),
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);
  return state;
}
