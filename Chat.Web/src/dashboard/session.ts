import { reactive } from 'vue';
import { ChatProblem, problemFrom } from '../shared/problems';

export type Role = 'Agent' | 'Supervisor' | 'Admin' | 'Auditor';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  workspaceId: string;
  /** The workspace requires a second factor this agent has not enrolled: only their account page works until they do. */
  mustEnrol: boolean;
}

interface TokenAnswer {
  accessToken: string;
  expiresAt: string;
  role: Role;
  workspaceId: string;
  agentId: string;
  email: string;
  displayName: string;
  twoFactorEnrolmentRequired?: boolean;
}

/** The first step's answer for an account with a second factor: a ticket for the code, no tokens yet. */
interface SecondStepRequired {
  mfaRequired: true;
  mfaToken: string;
  expiresAt: string;
}

/** What proves the second factor: the authenticator app's code, or one of the recovery codes. */
export type SecondFactorProof = { code: string } | { recoveryCode: string };

/**
 * Who is signed in. The access token lives in this page's memory only; the refresh token is an HttpOnly cookie scoped to
 * /api/auth that no script can read, so an injected script cannot carry a session away. The access token is renewed a
 * minute before it expires and whenever the API answers 401.
 */
export const session = reactive({
  me: null as Me | null,
  accessToken: '',
  expiresAt: 0,
});

let renewTimer: ReturnType<typeof setTimeout> | null = null;
let renewing: Promise<boolean> | null = null;

function accept(answer: TokenAnswer): void {
  session.accessToken = answer.accessToken;
  session.expiresAt = Date.parse(answer.expiresAt);
  session.me = {
    id: answer.agentId, email: answer.email, name: answer.displayName, role: answer.role, workspaceId: answer.workspaceId,
    mustEnrol: answer.twoFactorEnrolmentRequired === true,
  };
  if (renewTimer) clearTimeout(renewTimer);
  renewTimer = setTimeout(() => void renew(), Math.max(5_000, session.expiresAt - Date.now() - 60_000));
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
}

/** The first step: signed in, or the ticket of the second step when the account has a second factor. */
export async function signIn(email: string, password: string, workspaceId?: string): Promise<string | null> {
  const response = await post('/api/auth/login', { email, password, workspaceId: workspaceId || null, session: 'cookie' });
  if (!response.ok) throw await problemFrom(response);
  const answer = (await response.json()) as TokenAnswer | SecondStepRequired;
  if ('mfaRequired' in answer) return answer.mfaToken;
  accept(answer);
  return null;
}

export async function signInSecondStep(mfaToken: string, proof: SecondFactorProof): Promise<void> {
  const response = await post('/api/auth/login/2fa', { mfaToken, ...proof, session: 'cookie' });
  if (!response.ok) throw await problemFrom(response);
  accept(await response.json());
}

/** An endpoint anyone may call (an invite's lookup and acceptance): no access token. Refusals throw as problems. */
export async function publicApi<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await post(path, body);
  } catch (error) {
    throw new ChatProblem(0, 'No connection', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await problemFrom(response);
  return (await response.json()) as T;
}

/** A new access token from the refresh cookie; false when there is no session to renew. */
export function renew(): Promise<boolean> {
  renewing ??= (async () => {
    try {
      let response = await post('/api/auth/refresh', { session: 'cookie' });
      // 409: another tab renewed with the same cookie a moment ago; the browser now holds the new one, so try again.
      if (response.status === 409) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        response = await post('/api/auth/refresh', { session: 'cookie' });
      }
      if (!response.ok) {
        if (response.status === 401 || response.status === 400) forget();
        return false;
      }
      accept(await response.json());
      return true;
    } catch {
      return false;
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

export async function signOut(): Promise<void> {
  await post('/api/auth/logout', {}).catch(() => undefined);
  forget();
}

function forget(): void {
  if (renewTimer) clearTimeout(renewTimer);
  session.me = null;
  session.accessToken = '';
  session.expiresAt = 0;
}

/** A staff request with the access token; a 401 renews it once and tries again. Refusals throw as problems. */
async function authorized(method: string, path: string, accept: string, body?: unknown): Promise<Response> {
  const attempt = () => fetch(path, {
    method,
    headers: {
      Accept: accept,
      ...(body === undefined ? {} : { 'Content-Type': body instanceof Blob ? body.type || 'application/octet-stream' : 'application/json' }),
      Authorization: `Bearer ${session.accessToken}`,
    },
    body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
    credentials: 'same-origin',
  });
  let response: Response;
  try {
    response = await attempt();
    if (response.status === 401 && (await renew())) response = await attempt();
  } catch (error) {
    throw new ChatProblem(0, 'No connection', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await problemFrom(response);
  return response;
}

/** The staff API, answering JSON. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await authorized(method, path, 'application/json', body);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The staff API, answering text (a transcript, a report's CSV). */
export async function apiText(path: string, type = 'text/plain'): Promise<string> {
  return (await authorized('GET', path, type)).text();
}

/** A file: uploaded as its own bytes (a Blob body), or fetched as a Blob. */
export async function apiBlob(path: string): Promise<Blob> {
  return (await authorized('GET', path, '*/*')).blob();
}

export const can = {
  work: (me: Me | null) => me?.role === 'Agent' || me?.role === 'Supervisor' || me?.role === 'Admin',
  supervise: (me: Me | null) => me?.role === 'Supervisor' || me?.role === 'Admin',
  administer: (me: Me | null) => me?.role === 'Admin',
  audit: (me: Me | null) => me?.role === 'Auditor' || me?.role === 'Supervisor' || me?.role === 'Admin',
  /** Who changed what in the workspace: admins and auditors, as the API says (supervisors are among those logged). */
  readAdminLog: (me: Me | null) => me?.role === 'Admin' || me?.role === 'Auditor',
};
