import type { AgentRole, Category, MacroAction } from '../../../src-shared/domain';
import catalogJson from '../../../resources/demo/catalog.json';
import templatesJson from '../../../resources/demo/templates.json';
import type { Random } from './random';

/** The demo shop's fixed facts: people, products, carriers. Text lives in templates.json. */
export interface Catalog {
  shop: { name: string; timezone: string; orderPrefix: string; supportEmail: string; domain: string };
  agents: { name: string; role: AgentRole }[];
  localAgentIndex: number;
  firstNames: string[];
  lastNames: string[];
  cities: string[];
  streets: string[];
  products: { sku: string; title: string; priceCents: number; sizes: string[]; colors: string[] }[];
  carriers: { name: string; trackingUrl: string; format: string }[];
  subscriptionPlans: string[];
  coupons: string[];
  returnReasons: string[];
  refundReasons: string[];
}

/** The variables a template may use, e.g. "where is my order #{order}". */
export type TemplateVars = Record<string, string>;

/** A template split once into literal text (even slots) and variable names (odd slots). */
type Compiled = string[];

interface CategoryTexts {
  tags: string[];
  subjects: Compiled[];
  opening: Compiled[];
  agentReply: Compiled[];
  customerFollowUp: Compiled[];
  agentFollowUp: Compiled[];
  resolution: Compiled[];
}

type RawCategory = { tags: string[] } & Record<Exclude<keyof CategoryTexts, 'tags'>, string[]>;

interface RawTemplates {
  categories: Record<Category, RawCategory>;
  customerThanks: string[];
  emailGreeting: string[];
  emailSignoff: string[];
  emailSignature: string;
  chatGreeting: string[];
  customerEmailSignoff: string[];
  notes: string[];
  mentionNotes: string[];
  csatComments: string[];
  macros: { name: string; body: string; actions: MacroAction[] }[];
}

function compile(template: string): Compiled {
  return template.split(/\{(\w+)\}/);
}

function compileAll(templates: string[]): Compiled[] {
  return templates.map(compile);
}

export function render(template: Compiled, vars: TemplateVars): string {
  let out = template[0] as string;
  for (let i = 1; i < template.length; i += 2) {
    const name = template[i] as string;
    const value = vars[name];
    if (value === undefined) throw new Error(`demo template uses unknown variable {${name}}`);
    out += value + (template[i + 1] as string);
  }
  return out;
}

export function renderOne(rng: Random, templates: Compiled[], vars: TemplateVars): string {
  return render(rng.pick(templates), vars);
}

const raw = templatesJson as unknown as RawTemplates;

export const catalog = catalogJson as unknown as Catalog;

export const texts = {
  categories: Object.fromEntries(
    Object.entries(raw.categories).map(([category, t]) => [
      category,
      {
        tags: t.tags,
        subjects: compileAll(t.subjects),
        opening: compileAll(t.opening),
        agentReply: compileAll(t.agentReply),
        customerFollowUp: compileAll(t.customerFollowUp),
        agentFollowUp: compileAll(t.agentFollowUp),
        resolution: compileAll(t.resolution),
      },
    ]),
  ) as Record<Category, CategoryTexts>,
  customerThanks: compileAll(raw.customerThanks),
  emailGreeting: compileAll(raw.emailGreeting),
  emailSignoff: compileAll(raw.emailSignoff),
  emailSignature: compile(raw.emailSignature),
  chatGreeting: compileAll(raw.chatGreeting),
  customerEmailSignoff: compileAll(raw.customerEmailSignoff),
  notes: compileAll(raw.notes),
  mentionNotes: compileAll(raw.mentionNotes),
  csatComments: compileAll(raw.csatComments),
  macros: raw.macros,
};
