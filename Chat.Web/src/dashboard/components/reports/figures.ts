import { average, duration, type Measure, type ReportRow } from './reports';

/**
 * The figures of a report row as the page shows them: what each says, how it reads, and which threads stand behind it
 * (the drill-down's measure): a time's median and 90th percentile come from the threads that have that time.
 */
export interface Figure {
  name: string;
  measure: Measure;
  value: (row: ReportRow) => string;
}

export const counts: Figure[] = [
  { name: 'Started', measure: 'started', value: (r) => String(r.started) },
  { name: 'Answered', measure: 'answered', value: (r) => String(r.answered) },
  { name: 'Missed', measure: 'missed', value: (r) => String(r.missed) },
  { name: 'Closed', measure: 'closed', value: (r) => String(r.closed) },
];

export const times: Figure[] = [
  { name: 'First response median', measure: 'answered', value: (r) => duration(r.firstResponse.median) },
  { name: 'First response p90', measure: 'answered', value: (r) => duration(r.firstResponse.p90) },
  { name: 'Resolution median', measure: 'closed', value: (r) => duration(r.resolution.median) },
  { name: 'Resolution p90', measure: 'closed', value: (r) => duration(r.resolution.p90) },
  { name: 'Waiting median', measure: 'answered', value: (r) => duration(r.waiting.median) },
  { name: 'Waiting p90', measure: 'answered', value: (r) => duration(r.waiting.p90) },
];

export const satisfaction: Figure[] = [
  { name: 'CSAT average', measure: 'rated', value: (r) => average(r.csat.average) },
  { name: 'Ratings', measure: 'rated', value: (r) => String(r.csat.count) },
];

/** Every column of the table, in order. */
export const columns: Figure[] = [...counts, ...times, ...satisfaction];

/** The summary tiles: the total's counts, its times (median with the p90 beside it) and its satisfaction. */
export interface Tile {
  name: string;
  measure: Measure;
  value: (total: ReportRow) => string;
  note?: (total: ReportRow) => string;
}

export const tiles: Tile[] = [
  ...counts,
  { name: 'First response', measure: 'answered', value: (r) => duration(r.firstResponse.median), note: (r) => `median · p90 ${duration(r.firstResponse.p90)}` },
  { name: 'Resolution', measure: 'closed', value: (r) => duration(r.resolution.median), note: (r) => `median · p90 ${duration(r.resolution.p90)}` },
  { name: 'Waiting', measure: 'answered', value: (r) => duration(r.waiting.median), note: (r) => `median · p90 ${duration(r.waiting.p90)}` },
  { name: 'CSAT', measure: 'rated', value: (r) => average(r.csat.average), note: (r) => `average of ${r.csat.count} ${r.csat.count === 1 ? 'rating' : 'ratings'}` },
];
