import { keyLabels } from './types';

/** A shortcut as keycaps: `g i` shows as two keys pressed one after the other. */
export function Keys({ keys }: { keys: string }) {
  return (
    <span className="keys">
      {keyLabels(keys).map((k, i) => (
        <kbd key={i}>{k}</kbd>
      ))}
    </span>
  );
}
