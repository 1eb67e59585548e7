import type { ThreadEntry } from './protocol';
import { nameOf } from './team';
import { tagLabel } from './tags';

export interface SystemLine {
  version: number;
  at: string;
  text: string;
}

type Data = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const who = (by: unknown) => {
  const id = str(by);
  return id === 'router' ? 'the router' : id === 'system' || id === '' ? 'Chat' : /^[0-9a-f-]{36}$/i.test(id) ? nameOf(id) : id;
};

/** The thread's facts that are not messages, as the quiet lines of the transcript. */
const describe: Record<string, (d: Data) => string> = {
  thread_assigned: (d) => `Assigned to ${nameOf(str(d.agentId))} by ${who(d.assignedBy)}`,
  thread_unassigned: (d) => `Released by ${who(d.unassignedBy)}, back in the queue`,
  thread_transferred: (d) =>
    `Transferred by ${who(d.transferredBy)} to ${d.toAgentId ? nameOf(str(d.toAgentId)) : `group ${str(d.toGroup)}`}${d.reason ? `: ${str(d.reason)}` : ''}`,
  thread_closed: (d) => `Closed by ${d.closedByKind === 'Visitor' ? 'the visitor' : who(d.closedBy)}${d.reason ? `: ${str(d.reason)}` : ''}`,
  thread_reopened: (d) => `Reopened by ${who(d.reopenedBy)}`,
  thread_missed: () => 'Missed: nobody answered in time',
  thread_rated: (d) => `Rated ${Number(d.score)}/5${d.comment ? `: ${str(d.comment)}` : ''}`,
  // Under the tag's current name: the event keeps the name it had then, the catalogue knows what it is called now.
  thread_tagged: (d) => `Tagged ${tagLabel(str(d.tag))} by ${who(d.taggedBy)}`,
  thread_untagged: (d) => `Tag ${tagLabel(str(d.tag))} removed by ${who(d.untaggedBy)}`,
  priority_changed: (d) => `Priority ${str(d.priority)} by ${who(d.changedBy)}`,
  status_changed: (d) =>
    `Status ${str(d.status)}${d.snoozedUntil ? ` until ${new Date(str(d.snoozedUntil)).toLocaleString()}` : ''} by ${who(d.changedBy)}${
      d.reason ? `: ${str(d.reason)}` : ''
    }`,
  assignment_expired: (d) => `${nameOf(str(d.agentId))} did not answer in time: ${str(d.reason)}`,
};

export function systemLines(entries: ThreadEntry[]): SystemLine[] {
  return entries.flatMap((e) => {
    const line = describe[e.type];
    return line ? [{ version: e.version, at: e.at, text: e.macro ? `${line(e.data)} (macro)` : line(e.data) }] : [];
  });
}
