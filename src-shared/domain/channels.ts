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
