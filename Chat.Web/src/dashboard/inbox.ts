import type { InboxItem } from './protocol';
import { tagNames } from './tags';

export type InboxView = 'mine' | 'unassigned' | 'all';

export interface InboxFilters {
  status: string;
  priority: string;
  tag: string;
  group: string;
  assignee: string;
}

/** Whether a row, as it now stands, belongs in a view: the same rules the API applies, for rows that arrive live. */
export function belongs(item: InboxItem, view: InboxView, me: string, filters: InboxFilters): boolean {
  if (view === 'mine' && (item.assigneeId !== me || item.status === 'Closed')) return false;
  if (view === 'unassigned' && (item.assigneeId !== null || item.status === 'Closed')) return false;
  if (filters.status && item.status !== filters.status) return false;
  if (filters.priority && item.priority !== filters.priority) return false;
  if (filters.tag && !tagNames(filters.tag.trim().toLowerCase()).some((name) => item.tags.includes(name))) return false;
  if (filters.group && item.group !== filters.group) return false;
  if (filters.assignee && item.assigneeId !== filters.assignee) return false;
  return true;
}

/** The queue oldest first; the other views newest activity first. */
export function ordered(items: InboxItem[], view: InboxView): InboxItem[] {
  const activity = (i: InboxItem) => Date.parse(i.lastMessageAt ?? i.queuedAt ?? '') || 0;
  const waiting = (i: InboxItem) => Date.parse(i.queuedAt ?? i.waitingSince ?? '') || 0;
  return [...items].sort(view === 'unassigned' ? (a, b) => waiting(a) - waiting(b) : (a, b) => activity(b) - activity(a));
}

export function waitedFor(since: string | null, now: number): string {
  if (!since) return '';
  const seconds = Math.max(0, Math.round((now - Date.parse(since)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
