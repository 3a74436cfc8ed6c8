import type { Category, Channel, ConversationStatus } from '../../../src-shared/domain';
import { FIRST_RESPONSE_SLA, RESOLUTION_SLA } from '../../../src-shared/domain/sla';
import { DAY, HOUR, MESSAGE_COUNT, MINUTE, PRIORITY_MIX, REPLY_DELAY_MEAN } from './mix';
import type { OrderFacts } from './orders';
import type { AgentProfile, CustomerProfile } from './people';
import { quotesPrevious, withQuote } from './quoting';
import { Weighted, type Random } from './random';
import { catalog, render, renderOne, texts, type TemplateVars } from './templates';
import type { CsatRow, MessageRow, NoteRow, SeedThread } from './writer';

/** One conversation to generate: who, where, what about, and where it stands today. */
export interface ThreadPlan {
  id: number;
  customer: CustomerProfile;
  channel: Channel;
  category: Category;
  status: ConversationStatus;
  createdAt: number;
  order: OrderFacts;
  /** The customer wrote before: such conversations get a repeat-contact tag. */
  repeat: boolean;
}

/** Where the generator is: shared across threads so ids keep counting up. */
export interface ThreadContext {
  rng: Random;
  now: number;
  agents: AgentProfile[];
  /** Who handles conversations: everyone but admins. */
  frontline: AgentProfile[];
  localAgent: AgentProfile;
  nextMessageId: number;
  nextNoteSeq: number;
  nextCsatId: number;
}

const CSAT_SCORE = new Weighted<number>([
  [5, 58],
  [4, 20],
  [3, 8],
  [2, 5],
  [1, 9],
]);

const ACTIVE: ReadonlySet<ConversationStatus> = new Set(['open', 'pending', 'snoozed']);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function formatDate(at: number): string {
  const d = new Date(at);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

function formatCents(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/** Active conversations must end on the right side: open waits on us, pending and snoozed on the customer. */
function threadLength(rng: Random, status: ConversationStatus): number {
  const n = MESSAGE_COUNT.draw(rng);
  if (status === 'open') return n % 2 === 1 ? n : n - 1;
  if (status === 'pending' || status === 'snoozed') return n % 2 === 0 ? n : n + 1;
  return Math.max(2, n);
}

function pickAssignee(rng: Random, ctx: ThreadContext, status: ConversationStatus, length: number): AgentProfile | null {
  if (ACTIVE.has(status)) {
    const r = rng.next();
    if (r < (length === 1 ? 0.7 : 0.3)) return null;
    if (r < 0.65) return ctx.localAgent;
  }
  return rng.pick(ctx.frontline);
}

function vars(rng: Random, plan: ThreadPlan, agent: AgentProfile, mention: AgentProfile, now: number): TemplateVars {
  const o = plan.order;
  return {
    first: plan.customer.firstName,
    last: plan.customer.lastName,
    agent: agent.firstName,
    mention: mention.firstName,
    shop: catalog.shop.name,
    supportEmail: catalog.shop.supportEmail,
    order: o.number,
    product: o.product,
    product2: o.product2,
    size: o.size,
    newSize: o.newSize,
    color: o.color,
    carrier: o.carrier,
    tracking: o.tracking,
    trackingUrl: o.trackingUrl,
    amount: formatCents(o.amountCents),
    days: String(rng.int(3, 12)),
    date: formatDate(plan.createdAt - rng.int(2, 14) * DAY),
    eta: formatDate(Math.max(plan.createdAt, now) + rng.int(2, 10) * DAY),
    coupon: rng.pick(catalog.coupons),
    city: rng.pick(catalog.cities),
    street: `${rng.int(12, 9800)} ${rng.pick(catalog.streets)}`,
    plan: rng.pick(catalog.subscriptionPlans),
    reason: rng.pick(catalog.returnReasons).toLowerCase(),
    last4: rng.digits(4),
  };
}

function messageTimes(rng: Random, plan: ThreadPlan, length: number, now: number): number[] {
  const delay = REPLY_DELAY_MEAN[plan.channel];
  const times = [plan.createdAt];
  let t = plan.createdAt;
  for (let i = 1; i < length; i++) {
    t += MINUTE / 2 + rng.exponential(i % 2 === 1 ? delay.agent : delay.customer);
    times.push(t);
  }
  // A thread cannot run past today: squeeze its gaps to fit, ending at a random recent moment
  // (ending them all at the same minute would pile the live backlog up at the top of the inbox).
  if (t > now - MINUTE && length > 1) {
    const limit = Math.max(plan.createdAt + MINUTE, now - MINUTE - Math.floor(rng.exponential(6 * 60 * MINUTE)));
    const scale = Math.max(0, limit - plan.createdAt) / (t - plan.createdAt);
    for (let i = 1; i < length; i++) times[i] = plan.createdAt + Math.floor(((times[i] as number) - plan.createdAt) * scale);
  }
  return times.map(Math.floor);
}

function messageText(rng: Random, plan: ThreadPlan, i: number, length: number, v: TemplateVars): string {
  const t = texts.categories[plan.category];
  const last = i === length - 1;
  const closing = last && (plan.status === 'solved' || plan.status === 'closed');
  const email = plan.channel === 'email';
  if (i % 2 === 0) {
    const body = i === 0 ? renderOne(rng, t.opening, v) : renderOne(rng, closing ? texts.customerThanks : t.customerFollowUp, v);
    return email && rng.chance(0.6) ? `${body}\n\n${renderOne(rng, texts.customerEmailSignoff, v)}` : body;
  }
  const body = renderOne(rng, i === 1 ? t.agentReply : closing ? t.resolution : t.agentFollowUp, v);
  if (!email) return i === 1 ? renderOne(rng, texts.chatGreeting, v) + body : body;
  const signature = rng.chance(0.7) ? `\n\n${render(texts.emailSignature, v)}` : '';
  return `${renderOne(rng, texts.emailGreeting, v)}\n\n${body}\n\n${renderOne(rng, texts.emailSignoff, v)}${signature}`;
}

function externalId(rng: Random, channel: Channel, id: number): string | null {
  if (channel === 'email') return `<${rng.alphanumeric(10).toLowerCase()}.${id}@mail.example>`;
  if (channel === 'whatsapp') return `wamid.${rng.alphanumeric(24)}`;
  return null;
}

function makeNotes(rng: Random, ctx: ThreadContext, times: number[], author: AgentProfile, mention: AgentProfile, v: TemplateVars): NoteRow[] {
  const count = rng.chance(0.15) ? (rng.chance(0.2) ? 2 : 1) : 0;
  const notes: NoteRow[] = [];
  for (let i = 0; i < count; i++) {
    const at = (rng.pick(times) as number) + rng.int(1, 30) * MINUTE;
    const mentionId = mention.id !== author.id && rng.chance(0.4) ? mention.id : null;
    const body = renderOne(rng, mentionId === null ? texts.notes : texts.mentionNotes, v);
    notes.push({
      id: rng.uuid(),
      seq: ctx.nextNoteSeq++,
      authorId: author.id,
      kind: mentionId !== null && rng.chance(0.15) ? 'handover' : 'note',
      body,
      mentions: mentionId === null ? [] : [mentionId],
      createdAt: Math.min(at, ctx.now),
    });
  }
  return notes;
}

function makeCsat(rng: Random, ctx: ThreadContext, resolvedAt: number | null, v: TemplateVars): CsatRow | null {
  if (resolvedAt === null || !rng.chance(0.3)) return null;
  return {
    id: ctx.nextCsatId++,
    score: CSAT_SCORE.draw(rng),
    comment: rng.chance(0.35) ? renderOne(rng, texts.csatComments, v) : null,
    createdAt: Math.min(ctx.now, resolvedAt + rng.int(1, 48) * HOUR),
  };
}

function makeTags(rng: Random, plan: ThreadPlan): string[] {
  const pool = texts.categories[plan.category].tags;
  const tags = new Set<string>();
  const count = rng.pick([0, 0, 1, 1, 1, 2]);
  for (let i = 0; i < count; i++) tags.add(rng.pick(pool));
  if (plan.repeat) tags.add('repeat-contact');
  if (rng.chance(0.03)) tags.add('vip');
  return [...tags];
}

/** Generates a whole conversation: thread, notes, rating, tags and the summary columns derived from them. */
export function makeThread(ctx: ThreadContext, plan: ThreadPlan): SeedThread {
  const { rng, now } = ctx;
  const length = threadLength(rng, plan.status);
  const assignee = pickAssignee(rng, ctx, plan.status, length);
  const author = assignee ?? rng.pick(ctx.frontline);
  const mention = rng.pick(ctx.agents);
  const v = vars(rng, plan, author, mention, now);
  const times = messageTimes(rng, plan, length, now);
  let previousText = '';

  const messages: MessageRow[] = times.map((createdAt, i, all) => {
    const id = ctx.nextMessageId++;
    const inbound = i % 2 === 0;
    const text = messageText(rng, plan, i, length, v);
    const previous = i > 0 && inbound && plan.channel === 'email' && quotesPrevious(id) ? { text: previousText, at: all[i - 1] as number, customerName: plan.customer.name, subject: `Order #${v.order}` } : null;
    previousText = text;
    return {
      id,
      direction: inbound ? 'inbound' : 'outbound',
      authorAgentId: inbound ? null : author.id,
      text: previous ? withQuote(text, id, previous) : text,
      externalId: externalId(rng, plan.channel, id),
      deliveryStatus: inbound ? 'received' : plan.channel === 'email' ? 'sent' : rng.pick(['delivered', 'read', 'read']),
      createdAt,
    };
  });
  const notes = makeNotes(rng, ctx, times, author, mention, v);
  const lastMessage = messages[messages.length - 1] as MessageRow;
  const resolvedAt = plan.status === 'solved' || plan.status === 'closed' ? lastMessage.createdAt : null;

  return {
    conversation: {
      id: plan.id,
      customerId: plan.customer.id,
      channel: plan.channel,
      subject: renderOne(rng, texts.categories[plan.category].subjects, v),
      status: plan.status,
      priority: PRIORITY_MIX.draw(rng),
      category: plan.category,
      assigneeId: assignee?.id ?? null,
      snoozedUntil: plan.status === 'snoozed' ? now + rng.int(4, 120) * HOUR : null,
      slaFirstResponseDueAt: plan.createdAt + FIRST_RESPONSE_SLA[plan.channel],
      slaResolutionDueAt: plan.createdAt + RESOLUTION_SLA,
      firstResponseAt: messages[1]?.createdAt ?? null,
      resolvedAt,
      createdAt: plan.createdAt,
      lastActivityAt: Math.max(lastMessage.createdAt, ...notes.map((n) => n.createdAt)),
      messageCount: messages.length,
      preview: lastMessage.text.slice(0, 140),
    },
    messages,
    notes,
    csat: makeCsat(rng, ctx, resolvedAt, v),
    tags: makeTags(rng, plan),
  };
}
