/**
 * /commitments/:id: a commitment, its progress from baseline to target, its local offer
 * wording, and its updates; the owning agency's people and the secretariat change it and
 * post an update (a dated value with what happened), which sets its status and RAG.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button, ErrorSummary, Select, TextInput, Textarea, useApiForm, type Errors } from '../../components/forms';
import { DateField, EMPTY_DATE, checkDate, todayInLondon, withDateTargets, type DateParts, type DatePart } from '../../components/dates';
import {
  FlashBanner,
  Loaded,
  MultilineText,
  Tag,
  formatCalendarDate,
  formatDateTime,
  labelOptions,
  useQuery,
} from '../../components/lists';
import { ACTION_STATUS_LABELS, RAG_LABELS, RagTag, StatusTag, VISIBILITY_LABELS } from '../../components/rag';
import { graphql } from '../../gql';
import type { ActionStatus, CommitmentPageQuery, Rag } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { LinkButton, itemLabel } from '../workplans/common';
import { OFFER_AREA_LABELS, POLARITY_LABELS, ProgressBar, formatFigure } from './common';

const CommitmentPageDocument = graphql(`
  query CommitmentPage($id: ID!) {
    commitment(id: $id) {
      id
      title
      description
      offerArea
      measure
      unit
      baseline
      target
      polarity
      currentValue
      dueDate
      reviewDate
      status
      rag
      visibility
      inLocalOffer
      offerWording
      offerEligibility
      version
      canEdit
      isReviewOverdue
      lastUpdateAt
      progress {
        percent
        targetMet
      }
      agency {
        id
        name
      }
      subGroup {
        id
        name
      }
      createdBy {
        id
        name
      }
      frameworkItems {
        id
        code
        title
      }
      updates {
        id
        updateDate
        value
        narrative
        status
        rag
        createdAt
        author {
          id
          name
        }
      }
    }
  }
`);

const PostCommitmentUpdateDocument = graphql(`
  mutation PostCommitmentUpdate($input: PostCommitmentUpdateInput!) {
    postCommitmentUpdate(input: $input) {
      commitment {
        id
        version
      }
      update {
        id
      }
    }
  }
`);

type Commitment = CommitmentPageQuery['commitment'];

export function CommitmentPage() {
  const { id = '' } = useParams();
  const q = useQuery(async () => (await gql(CommitmentPageDocument, { id })).commitment, [id]);
  usePageTitle(q.data?.title ?? 'Commitment');
  return <Loaded query={q}>{(c) => <CommitmentView c={c} reload={q.reload} />}</Loaded>;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

function CommitmentView({ c, reload }: { c: Commitment; reload: () => void }) {
  const closed = c.status === 'COMPLETE' || c.status === 'CANCELLED';
  const updates = [...c.updates].reverse();
  return (
    <>
      <BackLink to="/commitments" />
      <FlashBanner />
      <span className="govuk-caption-l">{c.agency.name}</span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      <p className="govuk-body">
        <StatusTag status={c.status} /> {!closed && <RagTag rag={c.rag} />} {c.isReviewOverdue && <Tag colour="red">Review overdue</Tag>}
      </p>
      {c.canEdit && (
        <div className="govuk-button-group">
          <LinkButton to={`/commitments/${c.id}/edit`} secondary>
            Change commitment
          </LinkButton>
          <a className="govuk-link" href="#post-update">
            Post an update
          </a>
        </div>
      )}
      {c.description && <MultilineText text={c.description} />}

      <h2 className="govuk-heading-m">Progress</h2>
      <ProgressBar id="commitment-progress" progress={c.progress} label="Progress" />
      <dl className="govuk-summary-list govuk-!-margin-top-4">
        <Row label="Measure">{c.measure || 'Not given'}</Row>
        <Row label="Baseline">{formatFigure(c.baseline, c.unit)}</Row>
        <Row label="Target">{formatFigure(c.target, c.unit)}</Row>
        <Row label="Latest value">{formatFigure(c.currentValue, c.unit)}</Row>
        <Row label="Which way is better">{POLARITY_LABELS[c.polarity]}</Row>
        <Row label="Due date">{c.dueDate ? formatCalendarDate(c.dueDate) : 'None'}</Row>
        <Row label="Review date">{c.reviewDate ? formatCalendarDate(c.reviewDate) : 'None'}</Row>
      </dl>

      <h2 className="govuk-heading-m">Details</h2>
      <dl className="govuk-summary-list">
        <Row label="Agency">{c.agency.name}</Row>
        <Row label="Local offer area">{OFFER_AREA_LABELS[c.offerArea]}</Row>
        <Row label="In the local offer">{c.inLocalOffer ? 'Yes' : 'No'}</Row>
        {c.inLocalOffer && <Row label="What care leavers are told">{c.offerWording ? <MultilineText text={c.offerWording} /> : ''}</Row>}
        {c.inLocalOffer && <Row label="Who is eligible">{c.offerEligibility || 'Not given'}</Row>}
        <Row label="Framework items">
          {c.frameworkItems.length ? (
            <ul className="govuk-list">
              {c.frameworkItems.map((i) => (
                <li key={i.id}>{itemLabel(i)}</li>
              ))}
            </ul>
          ) : (
            'None'
          )}
        </Row>
        <Row label="Who can see it">
          {VISIBILITY_LABELS[c.visibility]}
          {c.subGroup ? `: ${c.subGroup.name}` : ''}
        </Row>
        <Row label="Logged by">{c.createdBy.name}</Row>
      </dl>

      {c.canEdit && <PostUpdateForm c={c} onPosted={reload} />}

      <h2 className="govuk-heading-m" id="updates">
        Updates
      </h2>
      {updates.length === 0 ? (
        <p className="govuk-body">No updates have been posted yet.</p>
      ) : (
        <ol className="govuk-list" id="update-history">
          {updates.map((u) => (
            <li key={u.id} className="govuk-!-margin-bottom-6" data-update-id={u.id}>
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                {formatCalendarDate(u.updateDate)}
                {u.value !== null && u.value !== undefined ? `: ${formatFigure(u.value, c.unit)}` : ''}
              </h3>
              <p className="govuk-body-s app-muted govuk-!-margin-bottom-1">
                {u.author.name}, posted {formatDateTime(u.createdAt)}. <StatusTag status={u.status} /> <RagTag rag={u.rag} />
              </p>
              <MultilineText text={u.narrative} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

const UPDATE_FIELDS = ['updateDate', 'value', 'narrative', 'status', 'rag'];

function PostUpdateForm({ c, onPosted }: { c: Commitment; onPosted: () => void }) {
  const [date, setDate] = useState<DateParts>(EMPTY_DATE);
  const [value, setValue] = useState('');
  const [narrative, setNarrative] = useState('');
  const [status, setStatus] = useState<ActionStatus>(c.status === 'NOT_STARTED' ? 'IN_PROGRESS' : c.status);
  const [rag, setRag] = useState<Rag>(c.rag);
  const [dateParts, setDateParts] = useState<DatePart[] | undefined>();
  const [posted, setPosted] = useState(false);
  const form = useApiForm();
  const errors = onlyFields(form.errors, [...UPDATE_FIELDS, 'form']);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPosted(false);
    const found: Errors = {};
    const d = checkDate('Date of the update', date);
    if (d.problem) {
      found.updateDate = d.problem.message;
      setDateParts(d.problem.parts);
    } else if (d.value && d.value > todayInLondon()) {
      found.updateDate = 'Date of the update must be today or in the past';
      setDateParts(['day', 'month', 'year']);
    }
    const v = value.trim().replace(/,/g, '');
    if (v && !/^-?\d+(\.\d+)?$/.test(v)) found.value = 'Value must be a number, like 12 or 4.5';
    if (!narrative.trim()) found.narrative = 'Describe the progress made';
    if (Object.keys(found).length) {
      form.setErrors(found);
      return;
    }
    const done = await form.run(async () => {
      try {
        return await gql(PostCommitmentUpdateDocument, {
          input: {
            commitmentId: c.id,
            version: c.version,
            updateDate: d.value ?? undefined,
            value: v ? Number(v) : undefined,
            narrative: narrative.trim(),
            status,
            rag,
          },
        });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') {
          onPosted();
          throw new ApiError(
            'Someone else updated this commitment since you opened it. Check the latest update below and post yours again.',
            'CONFLICT',
          );
        }
        throw err;
      }
    });
    if (done) {
      setDate(EMPTY_DATE);
      setValue('');
      setNarrative('');
      setPosted(true);
      onPosted();
    }
  };

  return (
    <section aria-labelledby="post-update" className="govuk-!-margin-top-8 govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="post-update">
        Post an update
      </h2>
      {posted && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="update-posted">
          <div className="govuk-notification-banner__header">
            <h3 className="govuk-notification-banner__title" id="update-posted">
              Success
            </h3>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">Update posted</p>
          </div>
        </div>
      )}
      <ErrorSummary
        errors={withDateTargets(errors, { updateDate: dateParts })}
        fields={[...UPDATE_FIELDS, 'updateDate-day', 'updateDate-month', 'updateDate-year']}
      />
      <form onSubmit={submit} noValidate>
        <DateField
          name="updateDate"
          legend="Date of the update (optional)"
          hint="The day the value was true. Leave it empty for today."
          value={date}
          onChange={setDate}
          error={errors.updateDate}
          errorParts={dateParts}
        />
        <TextInput
          name="value"
          label={`Value${c.unit ? ` (${c.unit})` : ''} (optional)`}
          hint={c.measure ? `The measure: ${c.measure}.` : 'The measure’s value on that date, if there is one.'}
          value={value}
          onChange={setValue}
          error={errors.value}
          width="10"
        />
        <Textarea
          name="narrative"
          label="What has happened"
          hint="The progress made since the last update, and anything that is in the way."
          rows={5}
          value={narrative}
          onChange={setNarrative}
          error={errors.narrative}
        />
        <Select
          name="status"
          label="Status"
          value={status}
          onChange={(s) => setStatus(s as ActionStatus)}
          options={labelOptions(ACTION_STATUS_LABELS)}
          error={errors.status}
        />
        <Select
          name="rag"
          label="RAG"
          value={rag}
          onChange={(r) => setRag(r as Rag)}
          options={labelOptions(RAG_LABELS)}
          error={errors.rag}
        />
        <Button busy={form.busy}>Post update</Button>
      </form>
      <p className="govuk-body-s">
        <Link className="govuk-link" to="/commitments">
          Back to all commitments
        </Link>
      </p>
    </section>
  );
}
