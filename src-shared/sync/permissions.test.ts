import { describe, expect, it } from 'vitest';
import type { AgentRole } from '../domain';
import { MutationArgs, type MutationName } from '../mutators/registry';
import { mayPull, mayRunMutation } from './permissions';

const ROLES: AgentRole[] = ['onboarding', 'agent', 'supervisor', 'admin'];
const actor = (role: AgentRole, id = 5) => ({ id, role });
const note = { id: '7b0f8f8e-4f5a-4c1e-9a59-5d4f4d6f3a01', conversationId: 1, body: 'x' };

describe('mayRunMutation', () => {
  it('lets agents, supervisors and admins run every mutation', () => {
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      for (const name of Object.keys(MutationArgs) as MutationName[]) expect(mayRunMutation(actor(role), name, {}).ok).toBe(true);
    }
  });

  it('keeps onboarding agents from merging, splitting and spam handling', () => {
    for (const name of ['merge', 'split', 'markSpam', 'unmarkSpam'] as const) {
      const p = mayRunMutation(actor('onboarding'), name, {});
      expect(p.ok).toBe(false);
      expect(!p.ok && p.message).toMatch(/onboarding agents cannot/);
    }
  });

  it('lets onboarding agents answer, note, tag, solve, take and hand back, but not close or assign to others', () => {
    const o = actor('onboarding', 5);
    expect(mayRunMutation(o, 'reply', { conversationId: 1, text: 'hi' }).ok).toBe(true);
    expect(mayRunMutation(o, 'addNote', note).ok).toBe(true);
    expect(mayRunMutation(o, 'addTag', { conversationId: 1, tag: 'vip' }).ok).toBe(true);
    expect(mayRunMutation(o, 'setStatus', { conversationId: 1, to: 'solved' }).ok).toBe(true);
    expect(mayRunMutation(o, 'setStatus', { conversationId: 1, to: 'closed' }).ok).toBe(false);
    expect(mayRunMutation(o, 'assign', { conversationId: 1, to: 5 }).ok).toBe(true);
    expect(mayRunMutation(o, 'assign', { conversationId: 1, to: null }).ok).toBe(true);
    expect(mayRunMutation(o, 'assign', { conversationId: 1, to: 6 }).ok).toBe(false);
  });

  it('leaves unparseable arguments to the mutator, which refuses them as invalid', () => {
    expect(mayRunMutation(actor('onboarding'), 'assign', { to: 'somebody' }).ok).toBe(true);
  });
});

describe('mayPull', () => {
  it('sends workspace-wide entities to everyone', () => {
    for (const role of ROLES) expect(mayPull(actor(role), { kind: 'conversation', audience: null })).toBe(true);
  });

  it('sends a notification only to its agent, whatever the role', () => {
    for (const role of ROLES) {
      expect(mayPull(actor(role, 5), { kind: 'notification', audience: 5 })).toBe(true);
      expect(mayPull(actor(role, 6), { kind: 'notification', audience: 5 })).toBe(false);
    }
  });

  it('sends a QA review to the reviewed agent and to supervisors and admins only', () => {
    expect(mayPull(actor('agent', 5), { kind: 'qa_review', audience: 5 })).toBe(true);
    expect(mayPull(actor('agent', 6), { kind: 'qa_review', audience: 5 })).toBe(false);
    expect(mayPull(actor('onboarding', 6), { kind: 'qa_review', audience: 5 })).toBe(false);
    expect(mayPull(actor('supervisor', 6), { kind: 'qa_review', audience: 5 })).toBe(true);
    expect(mayPull(actor('admin', 6), { kind: 'qa_review', audience: 5 })).toBe(true);
  });
});
