// The admin log's shapes (GET /api/admin-log) and the reading of an entry's values before and after as a list of changes.

export interface AdminLogEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  target: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AdminLogPage {
  entries: AdminLogEntry[];
  nextCursor: string | null;
}

/** One field of an entry: what it was and what it became; undefined where the entry has no such side. */
export interface Change {
  field: string;
  before?: string;
  after?: string;
}

const labels: Record<string, string> = { displayName: 'name', maxConcurrentChats: 'chat limit', widgetKey: 'widget key' };

const label = (field: string) => labels[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** A value as plain text: the page sets it as text, never as HTML. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(show).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The fields that differ, each once: a creation shows what was made, a removal what was there, a change both. */
export function changesOf(entry: AdminLogEntry): Change[] {
  const before = entry.before && typeof entry.before === 'object' ? entry.before : null;
  const after = entry.after && typeof entry.after === 'object' ? entry.after : null;
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  return fields
    .filter((f) => !(before && after) || JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((f) => ({
      field: label(f),
      before: before && f in before ? show(before[f]) : undefined,
      after: after && f in after ? show(after[f]) : undefined,
    }));
}
