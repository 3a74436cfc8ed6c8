import { useDialogStore } from './dialogStore';
import { Keys } from './Keys';

/** The palette and cheat sheet within reach of the mouse too, showing their keys as a hint. */
export function TopbarHelp() {
  const show = useDialogStore((s) => s.show);
  return (
    <div className="topbar-actions">
      <button type="button" className="topbar-button" onClick={() => show('palette')} aria-label="Open the command palette">
        Commands <Keys keys="Mod+k" />
      </button>
      <button type="button" className="topbar-button" onClick={() => show('cheatsheet')} aria-label="Show keyboard shortcuts">
        <Keys keys="?" />
      </button>
    </div>
  );
}
