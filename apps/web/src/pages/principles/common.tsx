/** What the principles pages share: the rating words and financial years (also used by the voice and annual update pages). */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { todayInLondon } from '../../components/dates';
import { Button, Select } from '../../components/forms';
import type { Rating } from '../../gql/graphql';
import { Tag, type TagColour } from '../../components/lists';

export const RATING_LABELS: Record<Rating, string> = {
  OUTSTANDING: 'Outstanding',
  GOOD: 'Good',
  REQUIRES_IMPROVEMENT: 'Requires improvement',
  INADEQUATE: 'Inadequate',
};

const RATING_COLOURS: Record<Rating, TagColour> = {
  OUTSTANDING: 'turquoise',
  GOOD: 'green',
  REQUIRES_IMPROVEMENT: 'orange',
  INADEQUATE: 'red',
};

export function RatingTag({ rating }: { rating: Rating }) {
  return <Tag colour={RATING_COLOURS[rating]}>{RATING_LABELS[rating]}</Tag>;
}

export const PERIOD = /^(\d{4})-(\d{2})$/;

/** The financial year a London day falls in: "2025-26". */
export function financialYearOf(day: string): string {
  const [y, m] = day.split('-').map(Number);
  const first = m >= 4 ? y : y - 1;
  return `${first}-${String((first + 1) % 100).padStart(2, '0')}`;
}

export function isFinancialYear(p: string | null): p is string {
  const m = p ? PERIOD.exec(p) : null;
  return !!m && (Number(m[1]) + 1) % 100 === Number(m[2]);
}

/** This year and the three before it, newest first. */
export function recentYears(today: string): string[] {
  const first = Number(financialYearOf(today).slice(0, 4));
  return [0, 1, 2, 3].map((n) => `${first - n}-${String((first - n + 1) % 100).padStart(2, '0')}`);
}

/** "2025-26" → "April 2025 to March 2026". */
export function yearInWords(p: string): string {
  const first = Number(p.slice(0, 4));
  return `April ${first} to March ${first + 1}`;
}

/** The financial year asked for in the address (?period=2025-26), or this one. */
export function usePeriod(): string {
  const [params] = useSearchParams();
  const asked = params.get('period');
  return isFinancialYear(asked) ? asked : financialYearOf(todayInLondon());
}

/**
 * The form that chooses a page's financial year: this year and the three before (and the one
 * shown, if older), put in the address so the choice can be linked and reached with Back.
 */
export function YearChooser({ period, action }: { period: string; action: string }) {
  const [, setParams] = useSearchParams();
  const [chosen, setChosen] = useState(period);
  const years = recentYears(todayInLondon());
  return (
    <form
      className="app-filters"
      role="search"
      aria-label="Choose the year"
      action={action}
      method="get"
      onSubmit={(e) => {
        e.preventDefault();
        setParams(new URLSearchParams({ period: chosen }));
      }}
    >
      <Select
        name="period"
        label="Financial year"
        value={chosen}
        onChange={setChosen}
        options={(years.includes(period) ? years : [period, ...years]).map((y) => ({ value: y, label: `${y} (${yearInWords(y)})` }))}
      />
      <Button secondary>Show this year</Button>
    </form>
  );
}
