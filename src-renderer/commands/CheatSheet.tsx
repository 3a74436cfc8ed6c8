import { COMMANDS } from './commands';
import { Dialog } from '../shared/Dialog';
import { useDialogStore } from './dialogStore';
import { Keys } from './Keys';
import { SECTIONS } from './types';

/** Every shortcut, by section, straight from the command registry. */
export function CheatSheet() {
  const close = useDialogStore((s) => s.close);
  return (
    <Dialog label="Keyboard shortcuts" onClose={close} className="cheatsheet">
      <header className="dialog-header">
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="link" onClick={close} aria-label="Close keyboard shortcuts" autoFocus>
          Close
        </button>
      </header>
      <div className="cheatsheet-sections">
        {SECTIONS.map((section) => {
          const commands = COMMANDS.filter((c) => c.section === section && c.keys?.length);
          if (commands.length === 0) return null;
          return (
            <section key={section} aria-label={section}>
              <h3>{section}</h3>
              <dl>
                {commands.map((c) => (
                  <div key={c.id} className="cheatsheet-row">
                    <dt>{c.title}</dt>
                    <dd>
                      {c.keys!.map((k, i) => (
                        <span key={k}>
                          {i > 0 && <span className="muted"> or </span>}
                          <Keys keys={k} />
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
      </div>
    </Dialog>
  );
}
