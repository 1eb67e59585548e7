import { reactive } from 'vue';
import { api, session } from './session';
import { on } from './live';

export interface TeamMember {
  id: string;
  displayName: string;
  role: string;
  status: 'Online' | 'Away' | 'Offline';
  connected: boolean;
  openChats: number;
  maxConcurrentChats: number;
  groups: string[];
}

/** The workspace's staff by id, for names everywhere and for the supervisor's view of presence and load. */
export const team = reactive({ members: [] as TeamMember[] });

let refreshing: ReturnType<typeof setTimeout> | null = null;

export async function loadTeam(): Promise<void> {
  if (!session.me) return;
  team.members = await api<TeamMember[]>('GET', '/api/team').catch(() => team.members);
}

/** Presence and load change often; a burst of changes is read once. */
export function refreshTeamSoon(): void {
  if (refreshing) return;
  refreshing = setTimeout(() => {
    refreshing = null;
    void loadTeam();
  }, 300);
}

on('presence', refreshTeamSoon);
on('inbox', refreshTeamSoon);
on('reconnected', refreshTeamSoon);

export function nameOf(agentId: string | null | undefined): string {
  if (!agentId) return '';
  if (agentId === session.me?.id) return 'you';
  return team.members.find((m) => m.id === agentId)?.displayName ?? `agent ${agentId.slice(-6)}`;
}
