import type { Category } from '../../../../src-shared/domain';

/** Keyword rules, first match wins, on the subject and the start of the body; an agent recategorizes in one click. */
const RULES: [Category, RegExp][] = [
  ['returns_exchanges', /\b(return|refund|exchange|send (it|them) back|wrong size|retour|rückgabe|devoluci[oó]n|reembolso|remboursement|umtausch)/i],
  ['shipping_status', /\b(where is my|tracking|track my|not (yet )?arrived|delivery|shipping|shipped|parcel|package|livraison|lieferung|env[ií]o|paket|colis)/i],
  ['order_changes', /\b(cancel|change (my|the) (order|address)|modify (my )?order|wrong address|stornier|annuler)/i],
  ['billing', /\b(invoice|charged twice|double charge|billing|receipt|vat|rechnung|facture|factura)/i],
  ['checkout_problems', /\b(checkout|payment (failed|declined)|can'?t pay|coupon|discount code|promo code)/i],
  ['subscriptions', /\b(subscription|subscribe|unsubscribe|renewal|abonnement|abo\b)/i],
];

export function categorizeEmail(subject: string, text: string): Category {
  const sample = `${subject}\n${text.slice(0, 2_000)}`;
  return RULES.find(([, re]) => re.test(sample))?.[0] ?? 'product_questions';
}
