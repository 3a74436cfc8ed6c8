import type { Message, Note } from '../../src-shared/domain';
import { useAgentName, useAppInfoStore } from '../app/appInfoStore';
import { useHighlightTerms } from '../search/matchHighlight';
import { HighlightedMatches } from '../search/HighlightedMatches';
import { ChannelBadge } from '../shared/Badges';
import { fullDateTime, humanize } from '../shared/format';
import { MessageAttachments } from './Attachments';
import { EmailBody } from './EmailBody';
import { DeliveryFailure, MailStateBadges } from './MessageMailState';
import { messageAuthor, SENT_OUTSIDE_OUTPOST, type MessageAuthor } from './messageAuthor';

type Entry = { type: 'message'; at: number; message: Message } | { type: 'note'; at: number; note: Note };

/** Messages and internal notes in one timeline, oldest first, as the conversation happened. */
export function Thread({ messages, notes, customerName, onSplitFrom }: { messages: Message[]; notes: Note[]; customerName: string; onSplitFrom?: (messageId: number) => void }) {
  const agentName = useAgentName();
  const shopName = useAppInfoStore((s) => s.info?.workspace.name ?? null);
  const entries: Entry[] = [
    ...messages.map((m): Entry => ({ type: 'message', at: m.createdAt, message: m })),
    ...notes.map((n): Entry => ({ type: 'note', at: n.createdAt, note: n })),
  ].sort((a, b) => a.at - b.at);

  if (entries.length === 0) return <p className="empty-state">No messages yet</p>;

  return (
    <ol className="thread" aria-label="Messages and notes">
      {entries.map((e) =>
        e.type === 'message' ? (
          <MessageItem
            key={`m${e.message.id}`}
            message={e.message}
            author={messageAuthor(e.message, customerName, agentName, shopName)}
            onSplitFrom={onSplitFrom && e.message.id !== messages[0]?.id ? () => onSplitFrom(e.message.id) : undefined}
          />
        ) : (
          <NoteItem key={`n${e.note.id}`} note={e.note} author={agentName(e.note.authorId) ?? 'Agent'} handedTo={e.note.kind === 'handover' ? (agentName(e.note.mentions[0] ?? null) ?? 'the team') : null} />
        ),
      )}
    </ol>
  );
}

const LABEL: Record<MessageAuthor['kind'], string> = { customer: 'Message from', agent: 'Reply by', 'shop-elsewhere': 'Sent by' };

function MessageItem({ message, author, onSplitFrom }: { message: Message; author: MessageAuthor; onSplitFrom?: () => void }) {
  const inbound = message.direction === 'inbound';
  const elsewhere = author.kind === 'shop-elsewhere';
  const terms = useHighlightTerms(message.conversationId);
  return (
    <li id={`message-${message.id}`} className={`message ${inbound ? 'inbound' : 'outbound'}`} aria-label={`${LABEL[author.kind]} ${author.name}${elsewhere ? `, ${SENT_OUTSIDE_OUTPOST}` : ''}`}>
      <div className="message-head">
        <span className="message-author">{author.name}</span>
        <ChannelBadge channel={message.channel} />
        {elsewhere ? (
          <span className="delivery sent-outside">{SENT_OUTSIDE_OUTPOST}</span>
        ) : (
          !inbound && (message.deliveryStatus === 'failed' ? <span className="delivery failed">Not delivered</span> : <span className="delivery">{humanize(message.deliveryStatus)}</span>)
        )}
        {message.channel === 'email' && <MailStateBadges message={message} />}
        <time dateTime={new Date(message.createdAt).toISOString()}>{fullDateTime(message.createdAt)}</time>
        {onSplitFrom && (
          <button type="button" className="link split-from" onClick={onSplitFrom} aria-label={`Split from this message of ${fullDateTime(message.createdAt)} into a new conversation`}>
            Split from here
          </button>
        )}
      </div>
      {message.threadReason && (
        <details className="thread-reason">
          <summary>Why this conversation</summary>
          {message.threadReason}
        </details>
      )}
      {message.channel === 'email' ? (
        <EmailBody message={message} terms={terms} />
      ) : (
        <div className="message-body">{terms ? <HighlightedMatches text={message.text} terms={terms} /> : message.text}</div>
      )}
      <MessageAttachments attachments={message.attachments} />
      {!inbound && message.deliveryStatus === 'failed' && <DeliveryFailure message={message} />}
    </li>
  );
}

function NoteItem({ note, author, handedTo }: { note: Note; author: string; handedTo: string | null }) {
  return (
    <li className={`note${handedTo !== null ? ' handover' : ''}`} aria-label={handedTo !== null ? `Handover from ${author} to ${handedTo}` : `Internal note by ${author}`}>
      <div className="message-head">
        <span className="note-label">{handedTo !== null ? `Handover from ${author} to ${handedTo}` : 'Internal note'}</span>
        <span className="message-author">{author}</span>
        <time dateTime={new Date(note.createdAt).toISOString()}>{fullDateTime(note.createdAt)}</time>
      </div>
      <div className="message-body">
        <WithMentions text={note.body} />
      </div>
    </li>
  );
}

/** @mentions stand out so the mentioned agent spots them at a glance. */
function WithMentions({ text }: { text: string }) {
  const parts = text.split(/(@[\p{L}\p{N}._-]+)/u);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('@') ? (
          <strong key={i} className="mention">
            {p}
          </strong>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  );
}
