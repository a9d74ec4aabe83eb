/**
 * /meetings/:id/agenda/:itemId/paper: a paper's author (or the secretariat) adds the paper
 * for an agenda item. The file uploads when it is chosen (POST /files), then "Add the paper"
 * attaches it to the item. Anyone else, or an item that is not a paper, answers "Page not
 * found", as the api would refuse them.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, useApiForm, type Errors } from '../../components/forms';
import { NotFound } from '../../components/layout';
import { Loaded, flash, formatCalendarDate, formatDate, formatDateTime, useQuery } from '../../components/lists';
import { FileUpload, type UploadedFile } from '../../components/upload';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { itemName, loadMeetingAgenda, mayAddPaper, type AgendaItem, type MeetingWithAgenda } from './agenda-common';

const AttachAgendaPaperDocument = graphql(`
  mutation AttachAgendaPaper($input: AttachAgendaPaperInput!) {
    attachAgendaPaper(input: $input) {
      ...AgendaItemFields
    }
  }
`);

const FIELDS = ['fileId'];

export function AddPaperPage() {
  usePageTitle('Add the paper');
  const { id = '', itemId = '' } = useParams();
  const { me } = useAuth();
  const q = useQuery(() => loadMeetingAgenda(id), [id]);
  return (
    <Loaded query={q}>
      {(m) => {
        const item = m.agenda.find((i) => i.id === itemId);
        return item && mayAddPaper(me, item) ? <AddPaper key={item.id} meeting={m} item={item} /> : <NotFound />;
      }}
    </Loaded>
  );
}

function AddPaper({ meeting: m, item }: { meeting: MeetingWithAgenda; item: AgendaItem }) {
  const { me } = useAuth();
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(0);
  const form = useApiForm();
  // The api's `agendaItemId` refusals are about the item, not a field here: they read as a line.
  const errors = onlyFields(form.errors, FIELDS);
  const navigate = useNavigate();
  const heading = item.fileId ? 'Replace the paper' : 'Add the paper';
  usePageTitle(heading, form.hasErrors);
  const secretariat = me?.role === 'SECRETARIAT';
  const back = secretariat ? `/meetings/${m.id}/readiness` : `/meetings/${m.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (uploading > 0) found.fileId = 'Wait for the paper to finish uploading, then add it';
    else if (!files.length) found.fileId = 'Choose the file of the paper';
    if (Object.keys(found).length) {
      form.setErrors(found);
      return;
    }
    const done = await form.run(() => gql(AttachAgendaPaperDocument, { input: { agendaItemId: item.id, fileId: files[0].id } }));
    if (done)
      navigate(back, { state: flash('Paper added', `${files[0].name} is the paper for item ${itemName(done.attachAgendaPaper)}.`) });
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} fields={FIELDS} />
          <span className="govuk-caption-l">
            {m.title}, {formatDate(m.startsAt)}: item {itemName(item)}
          </span>
          <h1 className="govuk-heading-l">{heading}</h1>
          <p className="govuk-body">
            The paper for the board pack. It counts as in once you add it, and as late if you add it after the report deadline,{' '}
            {formatCalendarDate(m.reportDeadline)}.
          </p>
          {item.paperSubmittedAt && (
            <p className="govuk-body" id="paper-in">
              A paper was added on {formatDateTime(item.paperSubmittedAt)}. Adding another replaces it.
            </p>
          )}
          <form onSubmit={submit} noValidate>
            <FileUpload
              name="fileId"
              label="Upload the paper"
              hint="A PDF or Word (DOCX) file is best. It uploads when you choose it."
              error={errors.fileId}
              files={files}
              onChange={setFiles}
              onUploadingChange={setUploading}
              max={1}
            />
            <div className="govuk-button-group">
              <Button busy={form.busy}>Add the paper</Button>
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
