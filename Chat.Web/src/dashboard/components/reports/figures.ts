import { average, duration, type Measure, type ReportRow } from './reports';

/**
 * A column of the figures table: what it says, how it reads, and which threads stand behind it (the drill-down's
 * measure: the smallest list the API offers that holds every thread the figure counts, so a first response opens the
 * answered threads, a resolution the closed ones, and a wait, which assigned threads have, all started ones). Paired
 * columns (a median and its p90) share a heading.
 */
export interface Column {
  name: string;
  heading: string;
  sub?: string;
  /** None for transfers: the threads API cannot list the threads behind them. */
  measure: Measure | null;
  value: (row: ReportRow) => string;
}

const count = (name: string, measure: Measure | null, value: (row: ReportRow) => number): Column =>
  ({ name, heading: name, measure, value: (row) => String(value(row)) });

export const columns: Column[] = [
  count('Started', 'started', (r) => r.started),
  count('Answered', 'answered', (r) => r.answered),
  count('Missed', 'missed', (r) => r.missed),
  count('Closed', 'closed', (r) => r.closed),
  count('Transfers', null, (r) => r.transfers),
  { name: 'First response median', heading: 'First response', sub: 'median', measure: 'answered', value: (r) => duration(r.firstResponse.median) },
  { name: 'First response p90', heading: 'First response', sub: 'p90', measure: 'answered', value: (r) => duration(r.firstResponse.p90) },
  { name: 'Resolution median', heading: 'Resolution', sub: 'median', measure: 'closed', value: (r) => duration(r.resolution.median) },
  { name: 'Resolution p90', heading: 'Resolution', sub: 'p90', measure: 'closed', value: (r) => duration(r.resolution.p90) },
  { name: 'Waiting median', heading: 'Waiting', sub: 'median', measure: 'started', value: (r) => duration(r.waiting.median) },
  { name: 'Waiting p90', heading: 'Waiting', sub: 'p90', measure: 'started', value: (r) => duration(r.waiting.p90) },
  { name: 'CSAT average', heading: 'CSAT', sub: 'average', measure: 'rated', value: (r) => average(r.csat.average) },
  { name: 'Ratings', heading: 'CSAT', sub: 'ratings', measure: 'rated', value: (r) => String(r.csat.count) },
];

/** The table's first header row: each heading once, over as many columns as share it. */
export const headings = columns.reduce<{ heading: string; span: number }[]>((list, column) => {
  const last = list[list.length - 1];
  if (last?.heading === column.heading) last.span++;
  else list.push({ heading: column.heading, span: 1 });
  return list;
}, []);

/** The summary tiles: the total's counts, its times (median with the p90 beside it) and its satisfaction. */
export interface Tile {
  name: string;
  measure: Measure;
  value: (total: ReportRow) => string;
  note?: (total: ReportRow) => string;
}

export const tiles: Tile[] = [
  { name: 'Started', measure: 'started', value: (r) => String(r.started) },
  { name: 'Answered', measure: 'answered', value: (r) => String(r.answered) },
  { name: 'Missed', measure: 'missed', value: (r) => String(r.missed) },
  { name: 'Closed', measure: 'closed', value: (r) => String(r.closed) },
  { name: 'First response', measure: 'answered', value: (r) => duration(r.firstResponse.median), note: (r) => `median · p90 ${duration(r.firstResponse.p90)}` },
  { name: 'Resolution', measure: 'closed', value: (r) => duration(r.resolution.median), note: (r) => `median · p90 ${duration(r.resolution.p90)}` },
  { name: 'Waiting', measure: 'started', value: (r) => duration(r.waiting.median), note: (r) => `median · p90 ${duration(r.waiting.p90)}` },
  { name: 'CSAT', measure: 'rated', value: (r) => average(r.csat.average), note: (r) => `average of ${r.csat.count} ${r.csat.count === 1 ? 'rating' : 'ratings'}` },
];
