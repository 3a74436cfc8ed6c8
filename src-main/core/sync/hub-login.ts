import os from 'node:os';
import { ApiError } from '../../../src-shared/api';
import type { LoginResponse } from '../../../src-shared/sync/protocol';
import { createHubHttp, HubError } from './hub-http';

/** A team hub to sign in to, from `sync.connect` or the environment. */
export interface TeamHubConfig {
  hubUrl: string;
  email: string;
  password: string;
}

/** One spelling per hub, so "is this the hub I follow?" compares equal (no trailing slash). */
export const normalizeHubUrl = (url: string): string => url.trim().replace(/\/+$/, '');

/** OUTPOST_HUB_URL + OUTPOST_HUB_EMAIL + OUTPOST_HUB_PASSWORD preconfigure team mode; all three or none. */
export function teamHubFromEnv(env: NodeJS.ProcessEnv): TeamHubConfig | null {
  const { OUTPOST_HUB_URL: hubUrl, OUTPOST_HUB_EMAIL: email, OUTPOST_HUB_PASSWORD: password } = env;
  if (!hubUrl && !email && !password) return null;
  if (!hubUrl || !email || !password) throw new Error('OUTPOST_HUB_URL, OUTPOST_HUB_EMAIL and OUTPOST_HUB_PASSWORD go together: set all three for a team hub, or none');
  return { hubUrl, email, password };
}

/** How this desktop introduces itself to a hub. */
export const deviceName = (): string => os.hostname().slice(0, 120) || 'desktop';

/** What a failed hub call means to the person who asked for it. */
export function apiErrorOf(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (!(e instanceof HubError)) return new ApiError('internal', e instanceof Error ? e.message : String(e));
  switch (e.kind) {
    case 'unauthorized':
    case 'forbidden':
      return new ApiError('auth', e.message);
    case 'network':
    case 'unavailable':
      return new ApiError('unavailable', e.message);
    default:
      return new ApiError('rejected', e.message);
  }
}

/** Signs in to a team hub; nothing on this desktop changes until that has worked. */
export async function signInToTeamHub(team: TeamHubConfig, clientId: string): Promise<LoginResponse> {
  const http = createHubHttp(team.hubUrl, () => null);
  try {
    return await http.login({ email: team.email, password: team.password, clientId, deviceName: deviceName() });
  } catch (e) {
    throw apiErrorOf(e);
  }
}

/** Best effort: a hub that cannot be reached simply lets the session expire. */
export async function signOutOfHub(hubUrl: string, token: string): Promise<void> {
  await createHubHttp(hubUrl, () => token)
    .logout()
    .catch(() => undefined);
}
