import { z } from 'zod';
import type { Conversation, CsatRating, Customer, Message, Note, Order } from '../domain';
import { Id } from '../domain';
import type { InboxRow } from './inbox';

export const ConversationArgs = {
  'conversation.get': z.object({ id: Id }),
} as const;

export interface ConversationDetail {
  conversation: Conversation;
  messages: Message[];
  notes: Note[];
  customer: Customer;
  orders: Order[];
  csat: CsatRating[];
  /** The customer's other conversations on any channel, newest first. */
  history: InboxRow[];
}

export interface ConversationResults {
  'conversation.get': ConversationDetail;
}
