/**
 * The variables a macro body may use, with the label and description the editor's "Insert
 * variable" menu shows. Rendering and save-time validation both read this one list.
 */
export const MACRO_VARIABLES = [
  { name: 'customer.firstName', label: 'Customer first name', description: "The first word of the customer's name" },
  { name: 'customer.name', label: 'Customer name', description: "The customer's full name" },
  { name: 'customer.email', label: 'Customer email', description: "The customer's first email address" },
  { name: 'order.number', label: 'Order number', description: 'The order mentioned in the conversation, else the latest' },
  { name: 'order.status', label: 'Order status', description: 'Open, cancelled or closed, with fulfilment' },
  { name: 'order.trackingUrl', label: 'Tracking link', description: "The carrier's tracking page for the latest shipment" },
  { name: 'order.trackingNumber', label: 'Tracking number', description: 'The latest shipment’s tracking number' },
  { name: 'order.carrier', label: 'Carrier', description: 'The carrier of the latest shipment' },
  { name: 'order.shipmentStatus', label: 'Shipment status', description: 'In transit, delivered, delayed…' },
  { name: 'order.returnWindowEnds', label: 'Return window ends', description: 'Delivery (or order) date plus the shop’s return window' },
  { name: 'agent.firstName', label: 'My first name', description: 'The first name of the agent applying the macro' },
  { name: 'agent.name', label: 'My name', description: 'The full name of the agent applying the macro' },
  { name: 'conversation.subject', label: 'Conversation subject', description: 'The subject of the conversation' },
] as const;

export type MacroVariableName = (typeof MACRO_VARIABLES)[number]['name'];

const KNOWN = new Set<string>(MACRO_VARIABLES.map((v) => v.name));

export function isMacroVariable(name: string): name is MacroVariableName {
  return KNOWN.has(name);
}

/** How a missing value stays visible in the text: `{{order.number}}` → `[order number]`. */
export function missingPlaceholder(name: string): string {
  const spaced = name.replace(/\./g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `[${spaced}]`;
}
