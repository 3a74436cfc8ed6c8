import type { Handlers } from '../api/dispatcher';
import type { CoreContext } from '../context';
import { bindFilters, createSearch } from './search';

export function searchHandlers(ctx: CoreContext): Pick<Handlers, 'search.query'> {
  const search = createSearch(ctx.db);
  return {
    'search.query': ({ q, limit, filters }) => {
      const start = performance.now();
      const hits = search(q, limit, bindFilters(filters, ctx.me()));
      return { hits, tookMs: Math.round((performance.now() - start) * 100) / 100 };
    },
  };
}
