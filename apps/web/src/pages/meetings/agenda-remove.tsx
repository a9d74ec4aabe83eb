/**
 * /meetings/:id/agenda/:itemId/remove: the secretariat confirms taking an item off the
 * agenda. Its sub-items go with it, and the items after it move up a number.
 */
import { type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, useApiForm } from '../../components/forms';
import { WarningText } from '../../components/govuk';
import { NotFound } from '../../components/layout';
import { Loaded, flash, formatDate, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink } from '../admin/shared';
import { AGENDA_KIND_LABELS, itemName, loadMeetingAgenda, type AgendaItem, type MeetingWithAgenda } from './agenda-common';

const RemoveAgendaItemDocument = graphql(`
  mutation RemoveAgendaItem($input: RemoveAgendaItemInput!) {
    removeAgendaItem(input: $input) {
      id
    }
  }
`);

export function RemoveAgendaItemPage() {
  usePageTitle('Remove agenda item');
  const { id = '', itemId = '' } = useParams();
  const q = useQuery(() => loadMeetingAgenda(id), [id]);
  return (
    <Loaded query={q}>
      {(m) => {
        const item = m.agenda.find((i) => i.id === itemId);
        return item ? <RemoveItem key={item.id} meeting={m} item={item} reload={q.reload} /> : <NotFound />;
      }}
    </Loaded>
  );
}

function RemoveItem({ meeting: m, item, reload }: { meeting: MeetingWithAgenda; item: AgendaItem; reload: () => void }) {
  const form = useApiForm();
  const navigate = useNavigate();
  const back = `/meetings/${m.id}/agenda`;
  const heading = `Remove item ${itemName(item)}?`;
  usePageTitle(heading, form.hasErrors);
  const subItems = m.agenda.filter((i) => i.parentId === item.id);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(async () => {
      try {
        return await gql(RemoveAgendaItemDocument, { input: { id: item.id, version: item.version } });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') {
          reload();
          throw new Error(
            'Someone else changed this item since you opened this page, so it has not been removed. Check it as it is now, then remove it if you still need to.',
          );
        }
        throw err;
      }
    });
    if (done) navigate(back, { state: flash('Item removed', `${item.title} is no longer on the agenda.`) });
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.errors} fields={[]} />
          <span className="govuk-caption-l">
            {m.title}, {formatDate(m.startsAt)}
          </span>
          <h1 className="govuk-heading-l">{heading}</h1>
          <p className="govuk-body">{AGENDA_KIND_LABELS[item.kind]}. The items after it move up a number.</p>
          {subItems.length > 0 && (
            <>
              <WarningText>
                Its {subItems.length === 1 ? 'sub-item goes' : `${subItems.length} sub-items go`} with it, with any minutes recorded against
                {subItems.length === 1 ? ' it' : ' them'}.
              </WarningText>
              <ul className="govuk-list govuk-list--bullet" id="sub-items">
                {subItems.map((s) => (
                  <li key={s.id}>{itemName(s)}</li>
                ))}
              </ul>
            </>
          )}
          <form onSubmit={submit} noValidate>
            <div className="govuk-button-group">
              <Button warning busy={form.busy}>
                Remove item
              </Button>
              <Link className="govuk-link" to={back}>
                Keep the item
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
