/**
 * /meetings/:id/agenda: the secretariat builds a meeting's agenda. Each item shows its
 * number, title, kind, presenter and time and any "Exempt (paragraph N)" tag, with buttons
 * to move it up or down among its siblings (buttons rather than dragging, so it works with a
 * keyboard and on a phone) and links to change or remove it, or add a sub-item under it.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, formatDate, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { MeetingBreadcrumbs, meetingName } from './common';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { loadSubGroupOptions } from '../evidence/common';
import { LinkButton } from '../workplans/common';
import {
  AddPaperLink,
  AgendaList,
  PaperState,
  itemName,
  loadMeetingAgenda,
  siblingsOf,
  type AgendaItem,
  type MeetingWithAgenda,
} from './agenda-common';

const MoveAgendaItemDocument = graphql(`
  mutation MoveAgendaItem($input: MoveAgendaItemInput!) {
    moveAgendaItem(input: $input) {
      ...AgendaItemFields
    }
  }
`);

const MOVE_CONFLICT =
  'Someone else changed the agenda since you opened this page, so the item was not moved. The agenda now shows it as it is: move the item again if you still need to.';

export function AgendaBuilderPage() {
  usePageTitle('Agenda');
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const [meeting, subGroups] = await Promise.all([loadMeetingAgenda(id), loadSubGroupOptions()]);
    return { meeting, subGroups: new Map(subGroups.map((g) => [g.value, g.label])) };
  }, [id]);
  return <Loaded query={q}>{(d) => <AgendaBuilder key={d.meeting.id} meeting={d.meeting} subGroupNames={d.subGroups} />}</Loaded>;
}

function AgendaBuilder({ meeting: m, subGroupNames }: { meeting: MeetingWithAgenda; subGroupNames: Map<string, string> }) {
  const [agenda, setAgenda] = useState<AgendaItem[]>(m.agenda);
  const [said, setSaid] = useState('');
  const focusNext = useRef<{ id: string; button: 'up' | 'down' } | null>(null);
  const form = useApiForm();
  const title = `Agenda: ${meetingName(m)}`;
  usePageTitle(title, form.hasErrors);
  const editable = m.status !== 'CANCELLED';

  // After a move, focus stays on the button pressed (or its pair, when the item reached an end).
  useEffect(() => {
    const f = focusNext.current;
    if (!f) return;
    focusNext.current = null;
    const pick = [`move-${f.button}-${f.id}`, `move-${f.button === 'up' ? 'down' : 'up'}-${f.id}`, `item-${f.id}-title`];
    for (const el of pick.map((x) => document.getElementById(x))) {
      if (el) {
        el.focus();
        break;
      }
    }
  }, [agenda]);

  const move = async (item: AgendaItem, by: -1 | 1) => {
    setSaid('');
    const result = await form.run(async () => {
      try {
        return await gql(MoveAgendaItemDocument, {
          input: { id: item.id, version: item.version, parentId: item.parentId ?? null, position: item.position + by },
        });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') {
          setAgenda((await loadMeetingAgenda(m.id)).agenda);
          throw new Error(MOVE_CONFLICT);
        }
        throw err;
      }
    });
    if (!result) return;
    const next = result.moveAgendaItem;
    const moved = next.find((i) => i.id === item.id);
    focusNext.current = { id: item.id, button: by < 0 ? 'up' : 'down' };
    setAgenda(next);
    if (moved) setSaid(`${item.title} moved ${by < 0 ? 'up' : 'down'}. It is now item ${moved.number}.`);
  };

  const actions = (item: AgendaItem) => {
    if (!editable) return null;
    const siblings = siblingsOf(agenda, item);
    const first = siblings[0]?.id === item.id;
    const last = siblings[siblings.length - 1]?.id === item.id;
    const name = itemName(item);
    return (
      <>
        {!first && (
          <button
            type="button"
            id={`move-up-${item.id}`}
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            disabled={form.busy}
            aria-disabled={form.busy || undefined}
            onClick={() => void move(item, -1)}
          >
            Move up<span className="govuk-visually-hidden"> item {name}</span>
          </button>
        )}
        {!last && (
          <button
            type="button"
            id={`move-down-${item.id}`}
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            disabled={form.busy}
            aria-disabled={form.busy || undefined}
            onClick={() => void move(item, 1)}
          >
            Move down<span className="govuk-visually-hidden"> item {name}</span>
          </button>
        )}
        <Link className="govuk-link" to={`/meetings/${m.id}/agenda/${item.id}`}>
          Change<span className="govuk-visually-hidden"> item {name}</span>
        </Link>
        {!item.parentId && (
          <Link className="govuk-link" to={`/meetings/${m.id}/agenda/new?under=${item.id}`}>
            Add a sub-item<span className="govuk-visually-hidden"> under {name}</span>
          </Link>
        )}
        {item.kind === 'PAPER' && <AddPaperLink meetingId={m.id} item={item} />}
        <Link className="govuk-link" to={`/meetings/${m.id}/agenda/${item.id}/remove`}>
          Remove<span className="govuk-visually-hidden"> item {name}</span>
        </Link>
      </>
    );
  };

  return (
    <>
      <MeetingBreadcrumbs meeting={m} />
      <ErrorSummary errors={form.errors} fields={[]} />
      <FlashBanner />
      <span className="govuk-caption-l">
        {m.title}, {formatDate(m.startsAt)}
      </span>
      <h1 className="govuk-heading-l">Agenda</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {editable ? (
            <p className="govuk-body">
              Items are numbered in order, with sub-items under an item (2.1, 2.2). Move an item up or down among the items at its level.
              Exempt items are left out of the public pack.
            </p>
          ) : (
            <p className="govuk-body" id="agenda-cancelled">
              This meeting was cancelled, so its agenda cannot change. Plan the meeting again to change it.
            </p>
          )}
          {editable && <LinkButton to={`/meetings/${m.id}/agenda/new`}>Add an item</LinkButton>}
        </div>
      </div>
      <div className="govuk-visually-hidden" aria-live="polite" id="agenda-status">
        {said}
      </div>
      {agenda.length === 0 ? (
        <p className="govuk-body" id="agenda">
          The agenda has no items yet.
        </p>
      ) : (
        <AgendaList
          id="agenda"
          headingLevel="h2"
          agenda={agenda}
          subGroupNames={subGroupNames}
          details={(item) => <PaperState item={item} />}
          actions={actions}
        />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/meetings/${m.id}/readiness`}>
          See whether the pack is ready
        </Link>
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/meetings/${m.id}`}>
          Back to the meeting
        </Link>
      </p>
    </>
  );
}
