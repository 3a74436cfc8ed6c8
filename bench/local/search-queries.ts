import type Database from 'better-sqlite3';

/**
 * What agents actually type: common words, phrases, prefixes while typing, and exact lookups
 * (an order number, an email, a tracking number) taken from the seeded data so they do match.
 */
export function searchQueries(db: Database.Database): string[] {
  const pluck = (sql: string) => String(db.prepare(sql).pluck().get() ?? 'missing');
  const middle = '(SELECT max(id) / 2 FROM shop_order)';
  const shipments = pluck(`SELECT shipments_json FROM shop_order WHERE id >= ${middle} AND shipments_json != '[]' LIMIT 1`);
  const tracking = (JSON.parse(shipments) as { trackingNumber: string }[])[0]?.trackingNumber ?? 'missing';
  return [
    'tracking',
    'refund',
    'where is my order',
    'size exchange',
    'label created',
    'double charge',
    'coupon code not working',
    'cancel my subscription',
    'arrived damaged',
    'return label',
    'trac',
    'refu',
    'Sierras',
    'Thistlewood',
    pluck('SELECT name FROM customer WHERE id = (SELECT max(id) / 3 FROM customer)'),
    pluck(`SELECT number FROM shop_order WHERE id = ${middle}`),
    `#${pluck('SELECT number FROM shop_order WHERE id = (SELECT max(id) * 3 / 4 FROM shop_order)')}`,
    pluck("SELECT value FROM customer_identity WHERE kind = 'email' AND customer_id = (SELECT max(id) / 2 FROM customer)"),
    tracking,
    'Trailblazer Rain Jacket',
  ];
}
