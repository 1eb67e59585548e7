// The search API's shapes and the query kept in the address, so a reload or a shared link shows the same results.

import type { AuthorKind } from '../../protocol';

/** A piece of text; `match` pieces are the words the query found. */
export interface Fragment {
  text: string;
  match: boolean;
}

export interface SearchHit {
  messageId: string;
  threadId: string;
  isPrivateNote: boolean;
  authorKind: AuthorKind;
  postedAt: string;
  snippet: Fragment[];
}

export interface SearchResult {
  conversationId: string;
  visitorName: Fragment[];
  visitorEmail: Fragment[];
  tags: string[];
  lastMessageAt: string | null;
  rank: number;
  hits: SearchHit[];
}

export interface SearchPage {
  page: number;
  pageSize: number;
  hasMore: boolean;
  results: SearchResult[];
}

export interface SearchForm {
  q: string;
  tag: string;
  /** Dates (yyyy-mm-dd) in the viewer's time zone; `to` is included. */
  from: string;
  to: string;
}

export const pageSize = 20;

/** The API's query: dates become the instants of the viewer's local midnights, the day after `to` being its end. */
export function apiQuery(form: SearchForm, page: number): string {
  const q = new URLSearchParams();
  if (form.q.trim()) q.set('q', form.q.trim());
  if (form.tag.trim()) q.set('tag', form.tag.trim());
  if (form.from) q.set('from', localMidnight(form.from, 0));
  if (form.to) q.set('to', localMidnight(form.to, 1));
  q.set('page', String(page));
  q.set('pageSize', String(pageSize));
  return `/api/search?${q}`;
}

function localMidnight(day: string, plusDays: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}
