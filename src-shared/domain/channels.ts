import { z } from 'zod';

export const Channel = z.enum(['email', 'chat', 'whatsapp', 'instagram', 'messenger', 'x']);
export type Channel = z.infer<typeof Channel>;

export const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'Email',
  chat: 'Live chat',
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  messenger: 'Messenger',
  x: 'X',
};

/** Longest text a channel accepts in one outbound message (null: no practical limit). */
export const CHANNEL_TEXT_LIMIT: Record<Channel, number | null> = {
  email: null,
  chat: 10_000,
  whatsapp: 4_096,
  instagram: 1_000,
  messenger: 2_000,
  x: 10_000,
};

/** Largest file a channel accepts as one attachment (bytes); the composer's own cap applies to the rest. */
export const CHANNEL_ATTACHMENT_LIMIT: Record<Channel, number> = {
  email: 25 * 1024 * 1024,
  chat: 25 * 1024 * 1024,
  whatsapp: 16 * 1024 * 1024,
  instagram: 8 * 1024 * 1024,
  messenger: 8 * 1024 * 1024,
  x: 5 * 1024 * 1024,
};
export const MAX_ATTACHMENTS_PER_MESSAGE = 20;
