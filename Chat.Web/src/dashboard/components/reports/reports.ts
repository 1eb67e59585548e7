import { api, apiText } from '../../session';

// The reports API's shapes (GET /api/reports/...), as the dashboard reads them.

export type GroupBy = 'day' | 'hour' | 'group' | 'agent';
/** Which threads a figure counts: the drill-down asks for them by this name. */
export type Measure = 'started' | 'answered' | 'missed' | 'closed' | 'rated';

/** Seconds; both null when no thread of the row has the time. */
export interface Spread {
  median: number | null;
  p90: number | null;
}

export interface Csat {
  average: number | null;
  count: number;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export interface ReportRow {
  /** day: yyyy-MM-dd; hour: yyyy-MM-ddTHH:00 (local); group: group id; agent: agent id, "" for unassigned; the total: "total". */
  key: string;
  label: string;
  started: number;
  answered: number;
  missed: number;
  closed: number;
  transfers: number;
  firstResponse: Spread;
  resolution: Spread;
  waiting: Spread;
  csat: Csat;
}

export interface ReportSummary {
  timeZone: string;
  from: string;
  to: string;
  groupBy: GroupBy;
  rows: ReportRow[];
  total: ReportRow;
}

export interface ReportThread {
  conversationId: string;
  threadId: string;
  number: number;
  startedAt: string;
  group: string;
  agentId: string | null;
  agentName: string | null;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
  waitingSeconds: number | null;
  transfers: number;
  missed: boolean;
  rating: number | null;
}

export interface ReportThreadPage {
  items: ReportThread[];
  total: number;
  page: number;
  pageSize: number;
}

/** What a report covers: inclusive dates in the workspace's time zone, a grouping and optional filters. */
export interface ReportQuery {
  from: string;
  to: string;
  groupBy: GroupBy;
  group: string;
  agentId: string;
}

/** One figure's threads: a row's bucket (none for the total) and the measure behind the figure. */
export interface DrillDown {
  bucket: string | null;
  label: string;
  measure: Measure;
  /** What the reader clicked, in words ("Answered, 2026-12-01"). */
  title: string;
}

function parameters(query: ReportQuery, extra: Record<string, string | number | null> = {}): string {
  const search = new URLSearchParams({ from: query.from, to: query.to, groupBy: query.groupBy });
  if (query.group) search.set('group', query.group);
  if (query.agentId) search.set('agentId', query.agentId);
  // An empty bucket is a row of its own (the agent report's unassigned threads), so only a missing one is left out.
  for (const [name, value] of Object.entries(extra)) if (value !== null) search.set(name, String(value));
  return search.toString();
}

export const reportsApi = {
  summary: (query: ReportQuery) => api<ReportSummary>('GET', `/api/reports/summary?${parameters(query)}`),
  threads: (query: ReportQuery, drill: DrillDown, page: number) =>
    api<ReportThreadPage>('GET', `/api/reports/threads?${parameters(query, { bucket: drill.bucket, measure: drill.measure, page, pageSize: 50 })}`),
  csv: (query: ReportQuery) => apiText(`/api/reports/summary.csv?${parameters(query)}`, 'text/csv'),
};

/** A calendar date (yyyy-MM-dd) as a time zone sees the moment. */
export function dateIn(timeZone: string, moment: Date = new Date()): string {
  // en-CA writes dates as yyyy-MM-dd.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(moment);
}

/** The date a number of days before or after another (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

export const presets = [
  { name: 'Today', days: 1 },
  { name: 'Last 7 days', days: 7 },
  { name: 'Last 30 days', days: 30 },
] as const;

/** A preset's range, ending today in the workspace's time zone. */
export function presetRange(days: number, timeZone: string): { from: string; to: string } {
  const to = dateIn(timeZone);
  return { from: addDays(to, 1 - days), to };
}

/** A duration for people: "45 s", "3 min 5 s", "2 h 10 min"; a dash when there is none. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  // Under ten seconds a tenth tells a quick answer from a slow one; above, whole seconds do.
  if (seconds > 0 && seconds < 0.05) return '< 0.1 s';
  if (seconds < 10) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A tick distance for a duration axis that reads well ("5 min", not "6 min 40 s"): at most about six ticks. */
export function durationStep(maxSeconds: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400];
  return steps.find((step) => maxSeconds / step <= 6) ?? Math.ceil(maxSeconds / 6 / 86400) * 86400;
}

/** A row's name on a chart's axis: short dates ("Dec 1"), hours alone when the report covers one day. */
export function axisLabel(row: ReportRow, summary: ReportSummary): string {
  const date = (day: string) => new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
  if (summary.groupBy === 'day') return date(row.key);
  if (summary.groupBy === 'hour') {
    const [day, hour] = row.key.split('T');
    return summary.from === summary.to ? hour : `${date(day)} ${hour}`;
  }
  return row.label;
}

export function average(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(1);
}

/** One agent's time over a report's range (GET /api/reports/agents): online, chats taken and held, load against limit. */
export interface AgentTime {
  agentId: string;
  name: string;
  onlineSeconds: number;
  /** Chats assigned to the agent in the range. */
  assigned: number;
  /** Chat-seconds held, all chats added up. */
  heldSeconds: number;
  /** Chats held on average while online; null without online time. */
  averageOpen: number | null;
  peakOpen: number;
  limit: number;
}

export const agentTimes = (query: ReportQuery) => api<AgentTime[]>('GET', `/api/reports/agents?${parameters(query)}`);
