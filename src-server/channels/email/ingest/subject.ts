/**
 * Reply and forward prefixes mail programs put before a subject, in the languages our customers
 * write in: Re, Fwd/Fw, AW/WG (German), SV/VS (Nordic), RE/TR (French), RIF/I (Italian),
 * RES/ENC (Portuguese), Antw/Doorst (Dutch), Odp/PD (Polish), 回复/转发, 返信/転送, and a
 * "[#1234]" or "[Ticket …]" tag a help desk adds.
 */
const PREFIX = /^\s*(?:(?:re|fwd?|aw|wg|sv|vs|tr|rif|res|enc|antw|doorst|odp|pd|ynt|i)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]|回复[:：]|转发[:：]|返信[:：]|転送[:：]|\[[^\]]{1,40}\])\s*/i;

/** The subject a thread is known by: prefixes stripped, whitespace folded, case ignored. */
export function normalizeSubject(subject: string): string {
  let s = subject;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(PREFIX, '');
  }
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}
