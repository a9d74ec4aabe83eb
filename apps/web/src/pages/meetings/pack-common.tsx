/**
 * What the board pack pages share: the pack's fields as the pages read them, how a version's
 * state and a finding's kind are named, and the download links for its editions.
 */
import { Tag, type TagColour } from '../../components/lists';
import { graphql } from '../../gql';
import type { BoardPackFieldsFragment, PackStatus, PersonalDataKind } from '../../gql/graphql';

export const BoardPackFieldsFragmentDoc = graphql(`
  fragment BoardPackFields on BoardPack {
    id
    meetingId
    version
    status
    progress
    step
    error
    membersSha256
    membersPages
    publicSha256
    publicPages
    createdAt
    finishedAt
    publishedAt
    supplement
    changeNote
    openFindings
    membersDownloadUrl
    publicDownloadUrl
  }
`);

export type Pack = BoardPackFieldsFragment;

/** Still being made: the page keeps asking how it is going. */
export const isCompiling = (p: Pick<Pack, 'status'>): boolean => p.status === 'QUEUED' || p.status === 'RUNNING';

const STATUS: Record<PackStatus, { label: string; colour?: TagColour }> = {
  QUEUED: { label: 'Waiting', colour: 'grey' },
  RUNNING: { label: 'Compiling', colour: 'turquoise' },
  DONE: { label: 'Ready' },
  FAILED: { label: 'Failed', colour: 'red' },
  CANCELLED: { label: 'Cancelled', colour: 'grey' },
};

export function PackStatusTag({ pack }: { pack: Pick<Pack, 'status' | 'publishedAt' | 'supplement'> }) {
  if (pack.publishedAt) return <Tag colour="green">{pack.supplement ? 'Published supplement' : 'Published'}</Tag>;
  const s = STATUS[pack.status];
  return <Tag colour={s.colour}>{s.label}</Tag>;
}

export const FINDING_KIND_LABELS: Record<PersonalDataKind, string> = {
  DATE_OF_BIRTH: 'Date of birth',
  NHS_NUMBER: 'NHS number',
  POSTCODE: 'Postcode',
  PHONE: 'Phone number',
  EMAIL: 'E-mail address',
  NAME: 'Name on the list',
};

const pages = (n: number | null | undefined): string => (n ? `${n} ${n === 1 ? 'page' : 'pages'}, ` : '');

/** Links that download a version's editions, where the api gave this reader one. */
export function EditionLinks({ pack, id }: { pack: Pack; id?: string }) {
  if (!pack.membersDownloadUrl && !pack.publicDownloadUrl) return null;
  return (
    <ul className="govuk-list govuk-!-margin-bottom-0" id={id}>
      {pack.membersDownloadUrl && (
        <li>
          <a className="govuk-link" href={pack.membersDownloadUrl} download={`board-pack-v${pack.version}-members.pdf`}>
            Download the members’ edition<span className="govuk-visually-hidden"> of version {pack.version}</span>
          </a>{' '}
          <span className="govuk-hint govuk-!-display-inline">({pages(pack.membersPages)}PDF)</span>
        </li>
      )}
      {pack.publicDownloadUrl && (
        <li>
          <a className="govuk-link" href={pack.publicDownloadUrl} download={`board-pack-v${pack.version}-public.pdf`}>
            Download the public edition<span className="govuk-visually-hidden"> of version {pack.version}</span>
          </a>{' '}
          <span className="govuk-hint govuk-!-display-inline">({pages(pack.publicPages)}PDF)</span>
        </li>
      )}
    </ul>
  );
}
