import { create } from 'zustand';

/** The words of a query, in order, lowercased. */
export function queryTerms(q: string): string[] {
  return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const mark = (m: string) => `\u0002${m}\u0003`;

/**
 * Marks what the agent searched for with the \u0002…\u0003 markers `Highlighted` renders: the
 * whole phrase where the text has it (any case, any spacing), otherwise each word on its own
 * (whole words, so "the" does not light up every "there").
 */
export function markTerms(text: string, terms: string[]): string {
  if (terms.length === 0) return text;
  const phrase = new RegExp(`(?<![\\p{L}\\p{N}])${terms.map(escape).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'giu');
  if (terms.length > 1 && phrase.test(text)) return text.replace(phrase, mark);
  const alternatives = [...terms].sort((a, b) => b.length - a.length).map(escape);
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), mark);
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
