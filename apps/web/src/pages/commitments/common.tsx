/**
 * What the commitments pages share: the words for local offer areas and polarity, the
 * progress bar, and who may add a commitment.
 */
import type { OfferArea, Polarity } from '../../gql/graphql';
import type { Me } from '../../lib/auth';

export const OFFER_AREA_LABELS: Record<OfferArea, string> = {
  HEALTH_AND_WELLBEING: 'Health and wellbeing',
  RELATIONSHIPS: 'Relationships',
  EDUCATION_AND_TRAINING: 'Education and training',
  EMPLOYMENT: 'Employment',
  ACCOMMODATION: 'Accommodation',
  PARTICIPATION_IN_SOCIETY: 'Participation in society',
  OTHER: 'Other',
};

/** The six statutory areas in the order a local offer lists them, then anything else. */
export const AREA_ORDER: OfferArea[] = [
  'HEALTH_AND_WELLBEING',
  'RELATIONSHIPS',
  'EDUCATION_AND_TRAINING',
  'EMPLOYMENT',
  'ACCOMMODATION',
  'PARTICIPATION_IN_SOCIETY',
  'OTHER',
];

export const POLARITY_LABELS: Record<Polarity, string> = {
  HIGHER_IS_BETTER: 'Higher is better',
  LOWER_IS_BETTER: 'Lower is better',
};

/** The secretariat adds commitments for any agency; a member for their own agency; board members read. */
export function canAddCommitment(me: Me | null): boolean {
  return !!me && (me.role === 'SECRETARIAT' || me.role === 'MEMBER');
}

export function formatFigure(n: number | null | undefined, unit: string): string {
  if (n === null || n === undefined) return 'Not set';
  const v = n.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  if (!unit) return v;
  if (unit === '%') return `${v}%`;
  if (unit === '£') return `£${v}`;
  return `${v} ${unit}`;
}

/**
 * Progress from baseline to target as a bar with its figure in words beside it, so the bar is
 * never the only way to read it (a screen reader gets the same from the progressbar role).
 */
export function ProgressBar({
  id,
  progress,
  label,
}: {
  id: string;
  progress: { percent: number; targetMet: boolean } | null | undefined;
  label: string;
}) {
  if (!progress) return <span className="govuk-body-s app-muted">No progress figure yet</span>;
  const text = progress.targetMet ? `Target met (${progress.percent}%)` : `${progress.percent}% of the way to the target`;
  return (
    <div className="app-progress">
      <div
        className="app-progress__track"
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={text}
      >
        <div
          className={`app-progress__bar${progress.targetMet ? ' app-progress__bar--met' : ''}`}
          style={{ width: `${Math.max(0, Math.min(100, progress.percent))}%` }}
        />
      </div>
      <span className="govuk-body-s app-progress__text" id={`${id}-label`}>
        <span className="govuk-visually-hidden">{label}: </span>
        {text}
      </span>
    </div>
  );
}
