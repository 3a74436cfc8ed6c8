import { useEffect, useRef, useState } from 'react';
import { CHANNEL_LABELS, CHANNEL_TEXT_LIMIT, type Channel } from '../../src-shared/domain';
import { useComposerStore } from './composerStore';
import { useConversationStore } from './conversationStore';

type Mode = 'reply' | 'note';

/** Reply to the customer or leave an internal note; the mode is always visible on the box. */
export function Composer({ conversationId, channel, closed }: { conversationId: number; channel: Channel; closed: boolean }) {
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const lastInsert = useComposerStore((s) => s.lastInsert);
  useEffect(() => {
    if (!lastInsert || lastInsert.conversationId !== conversationId) return;
    setMode(lastInsert.mode);
    setText((current) => (current.trim() === '' ? lastInsert.text : `${current}\n\n${lastInsert.text}`));
  }, [lastInsert, conversationId]);
  const focusRequest = useComposerStore((s) => s.focusRequest);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!focusRequest || focusRequest.conversationId !== conversationId) return;
    setMode(focusRequest.mode);
    textareaRef.current?.focus();
    useComposerStore.setState({ focusRequest: null }); // handled once, not again on a later remount
  }, [focusRequest, conversationId]);
  const reply = useConversationStore((s) => s.reply);
  const addNote = useConversationStore((s) => s.addNote);
  const pending = useConversationStore((s) => s.pending);
  const limit = CHANNEL_TEXT_LIMIT[channel];
  const tooLong = mode === 'reply' && limit !== null && text.length > limit;
  const busy = pending === 'reply' || pending === 'note';
  const disabled = busy || text.trim() === '' || tooLong || (mode === 'reply' && closed);

  async function submit(): Promise<void> {
    if (disabled) return;
    const ok = mode === 'reply' ? await reply(text) : await addNote(text);
    if (ok) setText('');
  }

  return (
    <form
      className={`composer mode-${mode}`}
      aria-label={mode === 'reply' ? 'Reply' : 'Internal note'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="composer-tabs" role="group" aria-label="Composer mode">
        <button type="button" aria-pressed={mode === 'reply'} onClick={() => setMode('reply')}>
          Reply via {CHANNEL_LABELS[channel]}
        </button>
        <button type="button" aria-pressed={mode === 'note'} onClick={() => setMode('note')}>
          Internal note
        </button>
      </div>
      <textarea
        ref={textareaRef}
        aria-label={mode === 'reply' ? 'Reply text' : 'Note text'}
        placeholder={
          closed && mode === 'reply'
            ? 'This conversation is closed and cannot be answered'
            : mode === 'reply'
              ? 'Write a reply… (Ctrl+Enter to send)'
              : 'Write a note only your team sees… mention with @name'
        }
        value={text}
        rows={3}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <div className="composer-footer">
        <span className={`char-count${tooLong ? ' over' : ''}`}>
          {limit !== null && mode === 'reply' ? `${text.length.toLocaleString()} / ${limit.toLocaleString()}` : ''}
        </span>
        <button type="submit" className="primary" disabled={disabled}>
          {mode === 'reply' ? (pending === 'reply' ? 'Sending…' : 'Send reply') : pending === 'note' ? 'Adding…' : 'Add note'}
        </button>
      </div>
    </form>
  );
}
