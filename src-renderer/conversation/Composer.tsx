import { useEffect, useRef, useState } from 'react';
import { CHANNEL_LABELS, CHANNEL_TEXT_LIMIT, type Agent, type Channel } from '../../src-shared/domain';
import { markupToHtml } from '../../src-shared/mail/markup';
import { useAppInfoStore } from '../app/appInfoStore';
import { AttachButton, AttachmentChips, useAttachmentDrop } from './Attachments';
import { useAttachmentUploads, type AttachmentChip } from './attachmentUploads';
import { useComposerStore } from './composerStore';
import { useConversationStore } from './conversationStore';
import { FormatToolbar, formatShortcut, formatTextarea } from './FormatToolbar';
import { MentionPicker } from './MentionPicker';
import { matchingAgents, mentionedAgentIds, mentionHandle, mentionQueryAt } from './mentions';
import { SendButton, type ThenStatus } from './SendButton';
import { useEmailSignature, withSignature } from './signature';
import { useUndoStore } from './undoStore';
import { dropSentDraft, useDraft, useRefusedReplyRestore, type DraftState } from './useDraft';
import { newestMessageId } from '../presence/collision';
import { reportTyping, reportViewing } from '../presence/presenceReporter';

type Mode = 'reply' | 'note';
const NO_AGENTS: Agent[] = [];
const NO_CHIPS: AttachmentChip[] = [];

/** Reply to the customer or leave an internal note; the mode is always visible on the box. */
export function Composer({ conversationId, channel, closed }: { conversationId: number; channel: Channel; closed: boolean }) {
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const textRef = useRef(text);
  textRef.current = text;
  const draft = useDraft(conversationId, (m, body) => {
    if (textRef.current.trim() !== '') return;
    setMode(m);
    setText(body);
  });
  const edit = (m: Mode, next: string) => {
    setText(next);
    draft.schedule(m, next);
  };
  // The core keeps both when the agent typed something new meanwhile: show whatever it holds.
  useRefusedReplyRestore(conversationId, (body) => {
    const current = textRef.current;
    setMode('reply');
    edit('reply', current.trim() === '' || body.includes(current) ? body : `${current}\n\n${body}`);
  });

  const lastInsert = useComposerStore((s) => s.lastInsert);
  useEffect(() => {
    if (!lastInsert || lastInsert.conversationId !== conversationId) return;
    setMode(lastInsert.mode);
    const current = textRef.current;
    edit(lastInsert.mode, current.trim() === '' ? lastInsert.text : `${current}\n\n${lastInsert.text}`);
  }, [lastInsert, conversationId]);
  const focusRequest = useComposerStore((s) => s.focusRequest);
  useEffect(() => {
    if (!focusRequest || focusRequest.conversationId !== conversationId) return;
    setMode(focusRequest.mode);
    textarea.current?.focus();
    useComposerStore.setState({ focusRequest: null }); // handled once, not again on a later remount
  }, [focusRequest, conversationId]);
  const reply = useConversationStore((s) => s.reply);
  const addNote = useConversationStore((s) => s.addNote);
  const pending = useConversationStore((s) => s.pending);
  const offerUndo = useUndoStore((s) => s.offer);
  const agents = useAppInfoStore((s) => s.info?.agents) ?? NO_AGENTS;
  const [signature, setSignature] = useEmailSignature();
  const email = channel === 'email';
  const limit = CHANNEL_TEXT_LIMIT[channel];
  const tooLong = mode === 'reply' && limit !== null && text.length > limit;
  const chips = useAttachmentUploads((s) => s.byConversation[conversationId]) ?? NO_CHIPS;
  const failedFiles = mode === 'reply' && chips.some((c) => c.state === 'failed');
  const [waitingForUploads, setWaitingForUploads] = useState(false);
  const drop = useAttachmentDrop(conversationId, channel, mode === 'reply' && !closed);
  const busy = pending === 'reply' || pending === 'note' || waitingForUploads;
  const disabled = busy || text.trim() === '' || tooLong || (mode === 'reply' && closed) || failedFiles;

  const textarea = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<{ start: number; query: string; active: number } | null>(null);
  const mentionOptions = mention ? matchingAgents(agents, mention.query) : [];

  function trackMention(value: string, caret: number): void {
    const q = mode === 'note' ? mentionQueryAt(value, caret) : null;
    setMention(q && { ...q, active: 0 });
  }

  function pickMention(agent: Agent): void {
    if (!mention) return;
    const caret = mention.start + 1 + mention.query.length;
    const handle = `@${mentionHandle(agent)} `;
    edit(mode, text.slice(0, mention.start) + handle + text.slice(caret));
    setMention(null);
    const at = mention.start + handle.length;
    requestAnimationFrame(() => textarea.current?.setSelectionRange(at, at));
  }

  async function submit(then: ThenStatus = undefined): Promise<void> {
    if (disabled) return;
    if (mode === 'note') {
      if (await addNote(text, mentionedAgentIds(text, agents))) {
        draft.cancel();
        setText('');
        await dropSentDraft(conversationId, text);
      }
      return;
    }
    // Sending waits for files still uploading; one that failed keeps the reply here to fix.
    const uploads = () => useAttachmentUploads.getState();
    if (chips.some((c) => c.state === 'uploading')) {
      setWaitingForUploads(true);
      await uploads().settled(conversationId);
      setWaitingForUploads(false);
    }
    if ((uploads().byConversation[conversationId] ?? []).some((c) => c.state !== 'ready')) return;
    const files = uploads().take(conversationId);
    // The send is held for a few seconds; the draft stays on disk until it is committed.
    const held = textRef.current;
    reportViewing(conversationId);
    // What the agent saw when pressing Send: a colleague's reply after it refuses this one, even if it is sent hours later.
    const shown = useConversationStore.getState().detail;
    const afterMessageId = shown?.conversation.id === conversationId ? newestMessageId(shown.messages) : undefined;
    await draft.flush('reply', held);
    draft.cancel();
    setText('');
    const body = email ? withSignature(held, signature) : held;
    const giveBack = () => {
      useComposerStore.getState().insert(conversationId, held, 'reply');
      useAttachmentUploads.getState().giveBack(conversationId, files);
    };
    offerUndo(
      then === 'solved' ? 'Sending and solving…' : then === 'pending' ? 'Sending and setting Pending…' : 'Sending…',
      async () => {
        if (await reply(body, then, conversationId, { attachments: files, html: email ? markupToHtml(body) : undefined, afterMessageId })) await dropSentDraft(conversationId, held);
        else giveBack();
      },
      giveBack,
    );
  }

  return (
    <form
      className={`composer mode-${mode}${drop.over ? ' drop-over' : ''}`}
      {...drop.handlers}
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
      {email && mode === 'reply' && <FormatToolbar textarea={textarea} onChange={(t) => edit(mode, t)} />}
      <textarea
        ref={textarea}
        aria-label={mode === 'reply' ? 'Reply text' : 'Note text'}
        aria-autocomplete={mode === 'note' ? 'list' : undefined}
        aria-controls={mention ? 'mention-picker' : undefined}
        aria-activedescendant={mention && mentionOptions[mention.active] ? `mention-${mentionOptions[mention.active]!.id}` : undefined}
        placeholder={
          closed && mode === 'reply'
            ? 'This conversation is closed and cannot be answered'
            : mode === 'reply'
              ? 'Write a reply… (Ctrl+Enter to send, Ctrl+Shift+Enter to send and solve)'
              : 'Write a note only your team sees… mention with @name'
        }
        value={text}
        rows={3}
        onChange={(e) => {
          edit(mode, e.target.value);
          if (mode === 'reply') reportTyping(conversationId);
          trackMention(e.target.value, e.target.selectionStart);
        }}
        onBlur={() => setMention(null)}
        onKeyDown={(e) => {
          if (mention && mentionOptions.length > 0) {
            const n = mentionOptions.length;
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setMention({ ...mention, active: (mention.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n });
              return;
            }
            if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
              e.preventDefault();
              pickMention(mentionOptions[mention.active]!);
              return;
            }
          }
          if (mention && e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setMention(null);
            return;
          }
          const format = email && mode === 'reply' ? formatShortcut(e) : null;
          if (format) {
            e.preventDefault();
            formatTextarea(textarea.current, format, (t) => edit(mode, t));
            return;
          }
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit(e.shiftKey && mode === 'reply' ? 'solved' : undefined);
          }
        }}
      />
      {mention && <MentionPicker agents={mentionOptions} active={mention.active} onPick={pickMention} />}
      {mode === 'reply' && <AttachmentChips conversationId={conversationId} />}
      {email && mode === 'reply' && <SignatureLine signature={signature} onChange={setSignature} />}
      <div className="composer-footer">
        <span className={`char-count${tooLong ? ' over' : ''}`} aria-label={limit !== null && mode === 'reply' ? 'Characters used' : undefined}>
          {limit !== null && mode === 'reply' ? `${text.length.toLocaleString()} / ${limit.toLocaleString()}` : ''}
        </span>
        <DraftIndicator state={draft.state} />
        {mode === 'reply' && waitingForUploads && (
          <span className="muted attachments-hint" role="status">
            Sending once uploads finish…
          </span>
        )}
        {mode === 'reply' && failedFiles && <span className="muted attachments-hint">Remove failed files to send</span>}
        {mode === 'reply' && <AttachButton conversationId={conversationId} channel={channel} disabled={closed} />}
        {mode === 'reply' ? (
          <SendButton disabled={disabled} busy={pending === 'reply'} onSend={(then) => void submit(then)} />
        ) : (
          <button type="submit" className="primary" disabled={disabled}>
            {pending === 'note' ? 'Adding…' : 'Add note'}
          </button>
        )}
      </div>
    </form>
  );
}

function DraftIndicator({ state }: { state: DraftState }) {
  const label = state === 'saving' ? 'Saving draft…' : state === 'saved' ? 'Draft saved' : state === 'failed' ? 'Draft not saved' : '';
  return (
    <span className={`draft-state${state === 'failed' ? ' over' : ''}`} role="status">
      {label}
    </span>
  );
}

/** Email replies end with the signature; it is shown where it will go and editable in place. */
function SignatureLine({ signature, onChange }: { signature: string; onChange: (s: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(signature);
  if (editing) {
    return (
      <div className="signature-line">
        <input aria-label="Email signature" value={value} onChange={(e) => setValue(e.target.value)} maxLength={300} />
        <button
          type="button"
          onClick={() => {
            onChange(value);
            setEditing(false);
          }}
        >
          Save signature
        </button>
      </div>
    );
  }
  return (
    <div className="signature-line">
      <span className="muted">Signature:</span> <span className="signature-text">{signature || 'none'}</span>
      <button type="button" className="link" onClick={() => (setValue(signature), setEditing(true))}>
        Edit signature
      </button>
    </div>
  );
}
