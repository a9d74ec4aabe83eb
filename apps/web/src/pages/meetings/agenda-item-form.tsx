/**
 * Adding an item to a meeting's agenda (/meetings/:id/agenda/new, optionally `?under=` a
 * top-level item) and changing one (/meetings/:id/agenda/:itemId): its title and kind (a
 * sub-group report names its sub-group; a paper may name who writes it), who presents it,
 * when and for how long, and whether it is exempt under a paragraph of Schedule 12A, whose
 * words are shown beside each paragraph. The secretariat only; the api checks the rest and
 * its field errors show against the fields. A change sends the version read: if someone
 * else changed the item meanwhile, the form shows it as it is now and says so.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, ErrorSummary, Radios, Select, TextInput, Textarea, useApiForm, type Errors, type Option } from '../../components/forms';
import { NotFound } from '../../components/layout';
import { Loaded, flash, formatDate, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { AgendaItemKind } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { loadAllUsers, useFocusHash, userOptions, type UserSummary } from '../admin/board-common';
import { BackLink, onlyFields } from '../admin/shared';
import { ConditionalRadios, loadSubGroupOptions } from '../evidence/common';
import { NumberInput } from '../workplans/fields';
import {
  AGENDA_KIND_HINTS,
  AGENDA_KIND_LABELS,
  agendaTree,
  itemName,
  loadMeetingAgenda,
  type AgendaItem,
  type MeetingWithAgenda,
} from './agenda-common';
import { parseTime } from './common';

const ExemptInformationParagraphsDocument = graphql(`
  query ExemptInformationParagraphs {
    exemptInformationParagraphs {
      paragraph
      description
    }
  }
`);

const AddAgendaItemDocument = graphql(`
  mutation AddAgendaItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) {
      ...AgendaItemFields
    }
  }
`);

const UpdateAgendaItemDocument = graphql(`
  mutation UpdateAgendaItem($input: UpdateAgendaItemInput!) {
    updateAgendaItem(input: $input) {
      ...AgendaItemFields
    }
  }
`);

interface ItemValues {
  title: string;
  kind: AgendaItemKind | '';
  subGroupId: string;
  authorUserId: string;
  parentId: string;
  presenter: string;
  startsAt: string;
  durationMinutes: string;
  exempt: 'yes' | 'no';
  exemptParagraph: string;
  exemptReason: string;
}

/** The form's fields in page order: the error summary lists problems in this order. */
const FIELDS = [
  'title',
  'kind',
  'subGroupId',
  'authorUserId',
  'parentId',
  'presenter',
  'startsAt',
  'durationMinutes',
  'exempt',
  'exemptParagraph',
  'exemptReason',
];

const CONFLICT_MESSAGE =
  'Someone else changed this item since you opened it, so your changes have not been saved. The form now shows the item as it is: make your changes again and save.';

interface FormData {
  meeting: MeetingWithAgenda;
  subGroups: Option[];
  users: UserSummary[];
  /** Schedule 12A's paragraphs, in the api's words (the ones an exempt item's notice quotes). */
  paragraphs: Array<Option & { hint: string }>;
}

async function loadFormData(meetingId: string): Promise<FormData> {
  const [meeting, subGroups, users, schedule] = await Promise.all([
    loadMeetingAgenda(meetingId),
    loadSubGroupOptions(),
    loadAllUsers(),
    gql(ExemptInformationParagraphsDocument),
  ]);
  const paragraphs = schedule.exemptInformationParagraphs.map((p) => ({
    value: String(p.paragraph),
    label: `Paragraph ${p.paragraph}`,
    hint: p.description,
  }));
  return { meeting, subGroups, users, paragraphs };
}

function valuesFrom(item: AgendaItem): ItemValues {
  return {
    title: item.title,
    kind: item.kind,
    subGroupId: item.subGroupId ?? '',
    authorUserId: item.authorUserId ?? '',
    parentId: item.parentId ?? '',
    presenter: item.presenter ?? '',
    startsAt: item.startsAt ?? '',
    durationMinutes: item.durationMinutes?.toString() ?? '',
    exempt: item.exempt ? 'yes' : 'no',
    exemptParagraph: item.exemptParagraph?.toString() ?? '',
    exemptReason: item.exemptReason ?? '',
  };
}

/** /meetings/:id/agenda/new */
export function NewAgendaItemPage() {
  usePageTitle('Add an agenda item');
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const under = params.get('under') ?? '';
  const q = useQuery(() => loadFormData(id), [id]);
  return (
    <Loaded query={q}>
      {(data) => {
        // Only a top-level item takes sub-items; any other `under` is ignored.
        const parent = data.meeting.agenda.find((i) => i.id === under && !i.parentId);
        return (
          <AgendaItemForm
            key={data.meeting.id}
            data={data}
            initial={{
              title: '',
              kind: '',
              subGroupId: '',
              authorUserId: '',
              parentId: parent?.id ?? '',
              presenter: '',
              startsAt: '',
              durationMinutes: '',
              exempt: 'no',
              exemptParagraph: '',
              exemptReason: '',
            }}
          />
        );
      }}
    </Loaded>
  );
}

/** /meetings/:id/agenda/:itemId */
export function ChangeAgendaItemPage() {
  usePageTitle('Change agenda item');
  const { id = '', itemId = '' } = useParams();
  const q = useQuery(() => loadFormData(id), [id]);
  return (
    <Loaded query={q}>
      {(data) => {
        const item = data.meeting.agenda.find((i) => i.id === itemId);
        return item ? <AgendaItemForm key={item.id} data={data} item={item} initial={valuesFrom(item)} /> : <NotFound />;
      }}
    </Loaded>
  );
}

const KIND_ORDER = Object.keys(AGENDA_KIND_LABELS) as AgendaItemKind[];

function AgendaItemForm({ data, item, initial }: { data: FormData; item?: AgendaItem; initial: ItemValues }) {
  const m = data.meeting;
  const [v, setValues] = useState<ItemValues>(initial);
  const [version, setVersion] = useState(item?.version ?? 0);
  const [current, setCurrent] = useState<AgendaItem | undefined>(item);
  const [conflict, setConflict] = useState(false);
  const form = useApiForm();
  const errors = onlyFields(form.errors, FIELDS);
  const navigate = useNavigate();
  const heading = item ? 'Change agenda item' : 'Add an agenda item';
  const back = `/meetings/${m.id}/agenda`;
  usePageTitle(heading, form.hasErrors);
  useFocusHash();

  const set =
    <K extends keyof ItemValues>(k: K) =>
    (value: ItemValues[K]) =>
      setValues((old) => ({ ...old, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setConflict(false);
    const found: Errors = {};
    if (!v.title.trim()) found.title = 'Enter a title for the item';
    if (!v.kind) found.kind = 'Choose what kind of item this is';
    else if (v.kind === 'SUB_GROUP_REPORT' && !v.subGroupId) found.subGroupId = 'Choose the sub-group whose report this is';
    const duration = v.durationMinutes.trim();
    if (duration && !/^\d{1,4}$/.test(duration)) found.durationMinutes = 'Enter how long the item takes as a whole number of minutes';
    if (Object.keys(found).length) {
      const ordered: Errors = {};
      for (const k of FIELDS) if (found[k]) ordered[k] = found[k];
      form.setErrors(ordered);
      return;
    }
    const kind = v.kind as AgendaItemKind;
    const time = v.startsAt.trim();
    const exempt = v.exempt === 'yes';
    const fields = {
      title: v.title.trim(),
      kind,
      subGroupId: kind === 'SUB_GROUP_REPORT' ? v.subGroupId : null,
      authorUserId: kind === 'PAPER' ? v.authorUserId || null : null,
      presenter: v.presenter.trim() || null,
      // "9:30" and "2pm" are taken as 09:30 and 14:00; anything else goes as typed, for the api to refuse with its reason.
      startsAt: time ? (parseTime(time) ?? time) : null,
      durationMinutes: duration ? Number(duration) : null,
      exempt,
      exemptParagraph: exempt && v.exemptParagraph ? Number(v.exemptParagraph) : null,
      exemptReason: exempt ? v.exemptReason.trim() || null : null,
    };
    if (item) {
      const done = await form.run(async () => {
        try {
          return await gql(UpdateAgendaItemDocument, { input: { id: item.id, version, ...fields } });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            const fresh = (await loadMeetingAgenda(m.id)).agenda.find((i) => i.id === item.id);
            if (fresh) {
              setValues(valuesFrom(fresh));
              setVersion(fresh.version);
              setCurrent(fresh);
            }
            setConflict(true);
            throw new Error(CONFLICT_MESSAGE);
          }
          throw err;
        }
      });
      if (done) navigate(back, { state: flash('Item saved', itemName(done.updateAgendaItem)) });
    } else {
      const done = await form.run(() =>
        gql(AddAgendaItemDocument, { input: { meetingId: m.id, parentId: v.parentId || null, ...fields } }),
      );
      if (done) navigate(back, { state: flash('Item added', itemName(done.addAgendaItem)) });
    }
  };

  // Sub-items go under a top-level item; an item is never under itself.
  const parents = agendaTree(m.agenda)
    .map((t) => t.item)
    .filter((i) => i.id !== item?.id);
  const authors = data.users.filter((u) => u.status === 'ACTIVE' || u.id === initial.authorUserId);
  const parent = current?.parentId ? m.agenda.find((i) => i.id === current.parentId) : undefined;

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {conflict && (
            <div className="govuk-inset-text" id="conflict">
              Someone else changed this item since you opened it. The form now shows it as it is; make your change again.
            </div>
          )}
          <ErrorSummary errors={errors} fields={FIELDS} />
          <span className="govuk-caption-l">
            {m.title}, {formatDate(m.startsAt)}
            {current ? `: item ${current.number}` : ''}
          </span>
          <h1 className="govuk-heading-l">{heading}</h1>
          <form onSubmit={submit} noValidate id="agenda-item">
            <TextInput name="title" label="Title" width="full" value={v.title} onChange={set('title')} error={errors.title} />
            <ConditionalRadios
              name="kind"
              label="What kind of item is it?"
              value={v.kind}
              onChange={(x) => set('kind')(x as AgendaItemKind)}
              error={errors.kind}
              options={KIND_ORDER.map((k) => ({
                value: k,
                label: AGENDA_KIND_LABELS[k],
                hint: AGENDA_KIND_HINTS[k],
                conditional:
                  k === 'SUB_GROUP_REPORT' ? (
                    <Select
                      name="subGroupId"
                      label="Sub-group"
                      placeholder="Choose a sub-group"
                      options={data.subGroups}
                      value={v.subGroupId}
                      onChange={set('subGroupId')}
                      error={errors.subGroupId}
                    />
                  ) : k === 'PAPER' ? (
                    <Select
                      name="authorUserId"
                      label="Who writes the paper? (optional)"
                      hint="They can add the paper themselves, and are reminded while it is not in."
                      placeholder="No one named yet"
                      options={userOptions(authors)}
                      value={v.authorUserId}
                      onChange={set('authorUserId')}
                      error={errors.authorUserId}
                    />
                  ) : undefined,
              }))}
            />
            {item ? (
              <p className="govuk-body" id="parent">
                {parent ? `A sub-item of ${itemName(parent)}.` : 'A main item of the agenda.'} Move it from the agenda page.
              </p>
            ) : (
              <Select
                name="parentId"
                label="Is it a sub-item of another item? (optional)"
                hint="A sub-item is numbered under its item, like 2.1. Otherwise the item goes at the end of the agenda."
                placeholder="No, a main item"
                options={parents.map((p) => ({ value: p.id, label: `Under ${itemName(p)}` }))}
                value={v.parentId}
                onChange={set('parentId')}
                error={errors.parentId}
              />
            )}
            <TextInput
              name="presenter"
              label="Presented by (optional)"
              hint="A name or a role, for example Chair of the Education sub-group."
              value={v.presenter}
              onChange={set('presenter')}
              error={errors.presenter}
            />
            <TextInput
              name="startsAt"
              label="Start time (optional)"
              hint="UK time, on the 24-hour clock. For example, 10:15"
              width="10"
              spellCheck={false}
              value={v.startsAt}
              onChange={set('startsAt')}
              error={errors.startsAt}
            />
            <NumberInput
              name="durationMinutes"
              label="How long does it take? (optional)"
              value={v.durationMinutes}
              onChange={set('durationMinutes')}
              error={errors.durationMinutes}
              suffix="minutes"
            />
            <ConditionalRadios
              name="exempt"
              label="Is the item exempt from publication?"
              hint="An exempt item is left out of the public pack, under a paragraph of Schedule 12A to the Local Government Act 1972."
              value={v.exempt}
              onChange={(x) => set('exempt')(x as ItemValues['exempt'])}
              error={errors.exempt}
              options={[
                {
                  value: 'yes',
                  label: 'Yes, it is exempt',
                  conditional: (
                    <>
                      <Radios
                        name="exemptParagraph"
                        label="Which paragraph of Schedule 12A applies?"
                        value={v.exemptParagraph}
                        onChange={set('exemptParagraph')}
                        error={errors.exemptParagraph}
                        options={data.paragraphs}
                      />
                      <Textarea
                        name="exemptReason"
                        label="Why does it apply here? (optional)"
                        rows={3}
                        value={v.exemptReason}
                        onChange={set('exemptReason')}
                        error={errors.exemptReason}
                      />
                    </>
                  ),
                },
                { value: 'no', label: 'No, it is public' },
              ]}
            />
            <div className="govuk-button-group">
              <Button busy={form.busy}>{item ? 'Save changes' : 'Add item'}</Button>
              <Link className="govuk-link" to={back}>
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
