/**
 * /voice/:id: what young people raised, who has it, and the answer. Those who may answer it
 * (the assigned sub-group's chair, the assigned agency's people, the secretariat) write or
 * change the response; the secretariat changes or reassigns the item, closes it once the
 * answer has gone back to young people, and reopens it.
 */
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { Button, ErrorSummary, Textarea, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, MultilineText, Tag, formatCalendarDate, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { VoiceItemPageQuery } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { BackLink } from '../admin/shared';
import { LinkButton, itemLabel } from '../workplans/common';
import { VoiceStatusTag, assignedTo } from './common';

const VoiceItemPageDocument = graphql(`
  query VoiceItemPage($id: ID!) {
    voiceItem(id: $id) {
      id
      raisedOn
      raisingGroup
      issue
      response
      responseDue
      respondedAt
      status
      version
      canRespond
      isResponseOverdue
      assignedSubGroup {
        id
        name
      }
      assignedAgency {
        id
        name
      }
      themes {
        id
        code
        title
      }
      respondedBy {
        name
      }
    }
  }
`);

const RespondDocument = graphql(`
  mutation RespondToVoiceItem($input: RespondToVoiceItemInput!) {
    respondToVoiceItem(input: $input) {
      id
      version
    }
  }
`);

const CloseDocument = graphql(`
  mutation CloseVoiceItem($input: VoiceItemVersionInput!) {
    closeVoiceItem(input: $input) {
      id
      version
    }
  }
`);

const ReopenDocument = graphql(`
  mutation ReopenVoiceItem($input: VoiceItemVersionInput!) {
    reopenVoiceItem(input: $input) {
      id
      version
    }
  }
`);

type Item = VoiceItemPageQuery['voiceItem'];

export function VoiceItemPage() {
  const { id = '' } = useParams();
  const q = useQuery(async () => (await gql(VoiceItemPageDocument, { id })).voiceItem, [id]);
  usePageTitle('What young people raised');
  return <Loaded query={q}>{(v) => <View key={v.version} v={v} reload={q.reload} />}</Loaded>;
}

function View({ v, reload }: { v: Item; reload: () => void }) {
  const { me } = useAuth();
  const secretariat = me?.role === 'SECRETARIAT';
  const status = useApiForm();
  const [done, setDone] = useState('');
  const act = async (change: 'close' | 'reopen', message: string) => {
    const input = { id: v.id, version: v.version };
    const r = await status.run<unknown>(() => (change === 'close' ? gql(CloseDocument, { input }) : gql(ReopenDocument, { input })));
    if (r) {
      setDone(message);
      reload();
    }
  };
  return (
    <>
      <BackLink to="/voice" />
      <FlashBanner />
      {done && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="voice-done">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="voice-done">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{done}</p>
          </div>
        </div>
      )}
      <ErrorSummary errors={status.errors} fields={[]} />
      <span className="govuk-caption-l">
        {v.raisingGroup}, {formatCalendarDate(v.raisedOn)}
      </span>
      <h1 className="govuk-heading-l">What young people raised</h1>
      <p className="govuk-body">
        <VoiceStatusTag status={v.status} /> {v.isResponseOverdue && <Tag colour="red">Response overdue</Tag>}
      </p>
      <div className="govuk-inset-text" id="issue">
        <MultilineText text={v.issue} />
      </div>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">With</dt>
          <dd className="govuk-summary-list__value">{assignedTo(v)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Answer due</dt>
          <dd className="govuk-summary-list__value">{v.responseDue ? formatCalendarDate(v.responseDue) : 'No date set'}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Themes</dt>
          <dd className="govuk-summary-list__value">
            {v.themes.length ? (
              <ul className="govuk-list">
                {v.themes.map((t) => (
                  <li key={t.id}>{itemLabel(t)}</li>
                ))}
              </ul>
            ) : (
              'None'
            )}
          </dd>
        </div>
      </dl>
      {secretariat && (
        <div className="govuk-button-group">
          <LinkButton to={`/voice/${v.id}/edit`} secondary>
            Change or reassign
          </LinkButton>
          {v.status === 'RESPONDED' && (
            <Button
              secondary
              type="button"
              busy={status.busy}
              onClick={() => void act('close', 'Closed: the answer has gone back to young people')}
            >
              Close it
            </Button>
          )}
          {v.status !== 'OPEN' && (
            <Button secondary type="button" busy={status.busy} onClick={() => void act('reopen', 'Opened again')}>
              Reopen it
            </Button>
          )}
        </div>
      )}

      <h2 className="govuk-heading-m">What we did</h2>
      {v.response ? (
        <div id="voice-response">
          <MultilineText text={v.response} />
          {v.respondedAt && (
            <p className="govuk-body-s app-muted">
              {v.respondedBy?.name ?? 'Someone'}, {formatDateTime(v.respondedAt)}
            </p>
          )}
        </div>
      ) : (
        <p className="govuk-body" id="voice-response">
          Not answered yet.
        </p>
      )}
      {v.canRespond && v.status !== 'CLOSED' && <RespondForm v={v} reload={reload} />}
    </>
  );
}

function RespondForm({ v, reload }: { v: Item; reload: () => void }) {
  const [response, setResponse] = useState(v.response ?? '');
  const form = useApiForm();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!response.trim()) {
      form.setErrors({ response: 'Say what was done about it' });
      return;
    }
    const done = await form.run(async () => {
      try {
        return await gql(RespondDocument, { input: { id: v.id, version: v.version, response: response.trim() } });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') {
          reload();
          throw new ApiError('Someone else changed this item since you opened it. Check it as it is now and answer again.', 'CONFLICT');
        }
        throw err;
      }
    });
    if (done) reload();
  };
  return (
    <section aria-labelledby="respond-heading" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m" id="respond-heading">
        {v.response ? 'Change the answer' : 'Answer it'}
      </h2>
      <ErrorSummary errors={form.errors} fields={['response']} />
      <form onSubmit={submit} noValidate>
        <Textarea
          name="response"
          label="What was done"
          hint="Written for young people: what changed because they raised it. This is what goes back to them in “you said, we did”."
          rows={5}
          value={response}
          onChange={setResponse}
          error={form.errors.response}
        />
        <Button busy={form.busy}>Save answer</Button>
      </form>
    </section>
  );
}
