import { describe, expect, it } from 'vitest';
import { SLA_AT_RISK_MS, slaState, type SlaClock } from './sla';

const now = 1_000_000_000;
const clock = (over: Partial<SlaClock>): SlaClock => ({ status: 'open', firstResponseAt: null, slaFirstResponseDueAt: null, slaResolutionDueAt: null, ...over });

describe('slaState', () => {
  it('is breached when the first response is late and missing, not once it was given', () => {
    expect(slaState(clock({ slaFirstResponseDueAt: now - 1 }), now)).toBe('breached');
    expect(slaState(clock({ slaFirstResponseDueAt: now - 1, firstResponseAt: now - 10 }), now)).toBeNull();
  });

  it('is breached when the resolution is late, answered or not', () => {
    expect(slaState(clock({ firstResponseAt: now - 10, slaResolutionDueAt: now }), now)).toBe('breached');
  });

  it('is at risk when the first response is due within the hour', () => {
    expect(slaState(clock({ slaFirstResponseDueAt: now + SLA_AT_RISK_MS }), now)).toBe('at_risk');
    expect(slaState(clock({ slaFirstResponseDueAt: now + SLA_AT_RISK_MS + 1 }), now)).toBeNull();
  });

  it('ignores solved, closed and snoozed work', () => {
    for (const status of ['solved', 'closed', 'snoozed'] as const) expect(slaState(clock({ status, slaFirstResponseDueAt: now - 1 }), now)).toBeNull();
  });
});
