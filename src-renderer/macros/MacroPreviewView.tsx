import type { MacroPreview } from '../../src-shared/api';
import { missingPlaceholder } from '../../src-shared/macros';

/** The rendered reply with filled values highlighted and missing ones flagged, then the actions it runs. */
export function MacroPreviewView({ preview, error, label }: { preview: MacroPreview | null; error: string | null; label: string }) {
  if (error) {
    return (
      <div className="inline-error" role="alert">
        Preview failed: {error}
      </div>
    );
  }
  if (!preview) return <p className="muted macro-preview-loading">Rendering preview…</p>;
  return (
    <section className="macro-preview" aria-label={label}>
      {preview.missing.length > 0 && (
        <p className="macro-missing-warning" role="status">
          No value here for {preview.missing.map(missingPlaceholder).join(', ')}: fill it in before sending.
        </p>
      )}
      <div className="macro-preview-text" data-testid="macro-preview-text">
        {preview.parts.length === 0 ? (
          <span className="muted">No reply text: this macro only runs actions.</span>
        ) : (
          preview.parts.map((p, i) =>
            p.kind === 'text' ? (
              <span key={i}>{p.text}</span>
            ) : (
              <mark key={i} className={`macro-var macro-var-${p.kind}`} title={p.kind === 'missing' ? `No value for {{${p.variable}}}` : `{{${p.variable}}}`}>
                {p.text}
              </mark>
            ),
          )
        )}
      </div>
      {preview.actions.length > 0 && (
        <div className="macro-actions-summary">
          <h4>Then</h4>
          <ul aria-label="Actions">
            {preview.actions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
