// The auditor's reading of a conversation: the shapes of /api/audit/conversations/{id}/... and the few helpers around them.
import { api, apiText } from '../../session';
import type { MessageView, ThreadStatus } from '../../protocol';

export interface AuditEntry {
  position: number;
  sequence: number;
  eventId: string;
  stream: 'conversation' | 'thread';
  streamId: string;
  version: number;
  type: string;
  at: string;
  actor: { kind: string; id: string };
  data: Record<string, unknown>;
}

export interface BrokenLink {
  sequence: number;
  eventId: string;
  streamId: string | null;
  version: number | null;
  reason: string;
}

export interface ChainReport {
  conversationId: string;
  valid: boolean;
  checkedEvents: number;
  firstBrokenLink: BrokenLink | null;
}

export interface AuditThread {
  id: string;
  number: number;
  messages: MessageView[];
  version: number;
}

export interface AuditConversation {
  id: string;
  visitorId: string;
  visitorName: string | null;
  visitorEmail: string | null;
  group: string;
  startedAt: string;
  threads: { threadId: string; number: number; status: ThreadStatus; closedAt: string | null }[];
}

export interface ConversationState {
  position: number;
  at: string | null;
  conversation: AuditConversation | null;
  threads: AuditThread[];
}

export const auditPath = (conversationId: string, what: string) =>
  `/api/audit/conversations/${encodeURIComponent(conversationId)}/${what}`;

export const auditApi = {
  history: (id: string) => api<AuditEntry[]>('GET', auditPath(id, 'history')),
  verify: (id: string) => api<ChainReport>('GET', auditPath(id, 'verify')),
  stateAtPosition: (id: string, position: number) => api<ConversationState>('GET', `${auditPath(id, 'state')}?position=${position}`),
  stateAtTime: (id: string, at: Date) => api<ConversationState>('GET', `${auditPath(id, 'state')}?at=${encodeURIComponent(at.toISOString())}`),
  transcriptJson: (id: string) => api<unknown>('GET', `${auditPath(id, 'transcript')}?format=json`),
  transcriptText: (id: string) => apiText(`${auditPath(id, 'transcript')}?format=text`),
};

/**
 * The text a message had just before each edit or deletion, keyed by the event that changed it: the originals the
 * stored events keep, which the transcript no longer shows.
 */
export function originalsOf(history: AuditEntry[]): Map<string, string> {
  const current = new Map<string, string>();
  const originals = new Map<string, string>();
  for (const entry of history) {
    const id = String(entry.data.messageId ?? entry.data.noteId ?? '');
    const text = typeof entry.data.text === 'string' ? entry.data.text : null;
    if ((entry.type === 'message_posted' || entry.type === 'private_note_added') && text !== null) current.set(id, text);
    else if (entry.type === 'message_edited' || entry.type === 'message_deleted') {
      if (current.has(id)) originals.set(entry.eventId, current.get(id)!);
      if (entry.type === 'message_edited' && text !== null) current.set(id, text);
    }
  }
  return originals;
}

export const formatTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

