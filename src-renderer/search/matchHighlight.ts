import { create } from 'zustand';

/** The words of a query, as the search matches them (whole words or word starts, any case). */
export function queryTerms(q: string): string[] {
  return [...new Set(q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length >= 2))];
}

/** Wraps every word start matching a term in the \u0002…\u0003 markers `Highlighted` renders. */
export function markTerms(text: string, terms: string[]): string {
  if (terms.length === 0) return text;
  const alternatives = [...terms].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'giu'), (m) => `\u0002${m}\u0003`);
}

interface MatchHighlightState {
  /** The conversation opened from a search hit, and the words to show highlighted in its thread. */
  conversationId: number | null;
  terms: string[];
  set(conversationId: number, query: string): void;
}

export const useMatchHighlight = create<MatchHighlightState>((set) => ({
  conversationId: null,
  terms: [],
  set: (conversationId, query) => set({ conversationId, terms: queryTerms(query) }),
}));

/** The words to highlight in this conversation's messages, if it was opened from search. */
export function useHighlightTerms(conversationId: number): string[] | null {
  return useMatchHighlight((s) => (s.conversationId === conversationId && s.terms.length > 0 ? s.terms : null));
}
