// The dates the 2025 story turns on, with their labels: one list for `leverage start`,
// `leverage tariffs --key-dates` and the dashboard's key-date shortcuts (a leaf module, so the
// web bundle can import it without the trade domain).

export interface KeyDate {
  date: string;
  label: string;
}

export const KEY_DATES_2025_LABELLED: readonly KeyDate[] = [
  { date: '2025-01-01', label: 'Before: 1 Jan' },
  { date: '2025-02-04', label: 'Fentanyl 10%: 4 Feb' },
  { date: '2025-03-04', label: 'Fentanyl 20%: 4 Mar' },
  // both sides at their peaks: the US 125% reciprocal from 10 April, China's 125% from 12 April
  // (on 10 April China was still at 84%)
  { date: '2025-04-12', label: 'Peak, both sides 125%: 12 Apr' },
  { date: '2025-05-14', label: 'Geneva truce: 14 May' },
  { date: '2025-06-11', label: 'London "55%": 11 Jun' },
  { date: '2025-11-10', label: 'Busan: 10 Nov' },
];

/** The key dates alone, in order. */
export const KEY_DATES_2025: readonly string[] = KEY_DATES_2025_LABELLED.map((d) => d.date);
