/**
 * /meetings/:id/papers/:itemId as a page. A compiled pack links a paper it could not merge to
 * this address; a browser following that link carries no token, so the app's server gives it
 * this page (a download with a token or bearer header goes to the api instead). Signed in, it
 * offers the paper's download; someone the api would not give the paper to, or an item with no
 * paper, gets "Page not found", as the api would answer them.
 */
import { Link, useParams } from 'react-router';
import { NotFound } from '../../components/layout';
import { Loaded, useFreshDownloadLinks, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { MeetingBreadcrumbs, meetingName } from './common';
import type { PaperDownloadPageQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { DownloadPaperLink, itemName } from './agenda-common';

const PaperDownloadPageDocument = graphql(`
  query PaperDownloadPage($id: ID!) {
    meeting(id: $id) {
      ...MeetingRow
      agenda {
        id
        number
        title
        paper {
          ...AgendaPaperFields
        }
      }
    }
  }
`);

type Meeting = PaperDownloadPageQuery['meeting'];

export function PaperDownloadPage() {
  usePageTitle('Paper');
  const { id = '', itemId = '' } = useParams();
  const q = useQuery(() => gql(PaperDownloadPageDocument, { id }), [id]);
  useFreshDownloadLinks(q.reload, !!q.data);
  return (
    <Loaded query={q}>
      {(d) => {
        const item = d.meeting.agenda.find((i) => i.id === itemId);
        return item?.paper ? <PaperDownload meeting={d.meeting} item={item} /> : <NotFound />;
      }}
    </Loaded>
  );
}

function PaperDownload({ meeting: m, item }: { meeting: Meeting; item: Meeting['agenda'][number] }) {
  const title = meetingName(m);
  usePageTitle(`Paper for item ${itemName(item)}`);
  return (
    <>
      <MeetingBreadcrumbs meeting={m} />
      <span className="govuk-caption-l">{title}</span>
      <h1 className="govuk-heading-l">Paper for item {itemName(item)}</h1>
      <DownloadPaperLink item={item} paper={item.paper} />
      <p className="govuk-body govuk-!-margin-top-6">
        <Link className="govuk-link" to={`/meetings/${m.id}#item-${item.id}`}>
          Back to the meeting
        </Link>
      </p>
    </>
  );
}
