import { z } from 'zod';
import { Channel } from './channels';
import { Id, Timestamp, Uuid } from './ids';
import { Category, Priority } from './taxonomy';

export const ConversationStatus = z.enum(['open', 'pending', 'snoozed', 'solved', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const Conversation = z.object({
  id: Id,
  customerId: Id,
  channel: Channel,
  subject: z.string(),
  status: ConversationStatus,
  priority: Priority,
  category: Category,
  tags: z.array(z.string()),
  assigneeId: Id.nullable(),
  snoozedUntil: Timestamp.nullable(),
  /** Snoozed until the customer writes again (optionally also until snoozedUntil, whichever comes first). */
  snoozedUntilReply: z.boolean().optional(),
  slaFirstResponseDueAt: Timestamp.nullable(),
  slaResolutionDueAt: Timestamp.nullable(),
  firstResponseAt: Timestamp.nullable(),
  resolvedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  lastActivityAt: Timestamp,
  messageCount: z.number().int().nonnegative(),
  preview: z.string(),
  /** Set when this conversation was merged into another (it is then closed). */
  mergedIntoId: Id.nullable(),
});
export type Conversation = z.infer<typeof Conversation>;

/** Attachments are stored once by content hash; messages only reference them. */
export const AttachmentRef = z.object({
  filename: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  contentHash: z.string(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export const MessageDirection = z.enum(['inbound', 'outbound']);
export type MessageDirection = z.infer<typeof MessageDirection>;

export const DeliveryStatus = z.enum(['received', 'queued', 'sent', 'delivered', 'read', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const AutoKind = z.enum(['auto-reply', 'bounce']);
export type AutoKind = z.infer<typeof AutoKind>;

export const Message = z.object({
  id: Id,
  conversationId: Id,
  direction: MessageDirection,
  channel: Channel,
  authorAgentId: Id.nullable(),
  /** Plain text, always present: what search indexes and chat channels show. */
  text: z.string(),
  /** Sanitized HTML for email, or null. Never raw HTML from the sender. */
  html: z.string().nullable(),
  attachments: z.array(AttachmentRef),
  /** The channel's own id: an email's Message-ID, a WhatsApp wamid, ... */
  externalId: z.string().nullable(),
  deliveryStatus: DeliveryStatus,
  createdAt: Timestamp,
  /** Inbound email: why it joined this conversation (threading rule and evidence). Absent or null otherwise. */
  threadReason: z.string().nullable().optional(),
  /** Failed outbound email: the receiving server's reason. */
  deliveryError: z.string().nullable().optional(),
  /** Inbound automated mail (out-of-office, bounce): never reopens, notifies, or counts as a contact. */
  autoKind: AutoKind.nullable().optional(),
  /** Email: the mailbox copy's IMAP flags (for example \Seen, \Flagged). */
  mailboxFlags: z.array(z.string()).nullable().optional(),
  /** Email: when the mailbox copy was deleted from every synced folder. The message stays here. */
  mailboxRemovedAt: Timestamp.nullable().optional(),
});
export type Message = z.infer<typeof Message>;

export const NoteKind = z.enum(['note', 'handover']);
export const Note = z.object({
  id: Uuid,
  conversationId: Id,
  authorId: Id,
  kind: NoteKind,
  body: z.string().min(1),
  mentions: z.array(Id),
  createdAt: Timestamp,
});
export type Note = z.infer<typeof Note>;

export const CsatRating = z.object({
  id: Id,
  conversationId: Id,
  score: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  createdAt: Timestamp,
});
export type CsatRating = z.infer<typeof CsatRating>;
