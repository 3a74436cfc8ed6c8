import { useState } from 'react';
import { useAppInfoStore } from '../app/appInfoStore';

const KEY = 'outpost.emailSignature';

/** The email signature: the agent and the shop by default, editable and kept on this desktop. */
export function useEmailSignature(): [string, (s: string) => void] {
  const info = useAppInfoStore((s) => s.info);
  const fallback = info ? `— ${info.me.name}, ${info.workspace.name}` : '';
  const [stored, setStored] = useState<string | null>(() => localStorage.getItem(KEY));
  const save = (s: string) => {
    localStorage.setItem(KEY, s);
    setStored(s);
  };
  return [stored ?? fallback, save];
}

export function withSignature(text: string, signature: string): string {
  return signature.trim() === '' ? text : `${text.trimEnd()}\n\n${signature.trim()}`;
}
