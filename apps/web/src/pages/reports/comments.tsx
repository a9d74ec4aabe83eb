/**
 * A report's comments (components/comments.tsx): everyone who can read a submitted report
 * sees them; sub-group chairs, board members and the secretariat add them
 * (report.canComment). A draft has none to show.
 */
import { Comments } from '../../components/comments';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import type { ReportData } from './report';

const AddHighlightReportCommentDocument = graphql(`
  mutation AddHighlightReportComment($input: AddHighlightReportCommentInput!) {
    addHighlightReportComment(input: $input) {
      id
    }
  }
`);

export function ReportComments({
  report: r,
  reload,
  onErrorsChange,
}: {
  report: ReportData;
  reload: () => void;
  onErrorsChange?: (hasErrors: boolean) => void;
}) {
  if (r.status === 'DRAFT' && r.comments.length === 0) return null;
  return (
    <Comments
      comments={r.comments}
      canComment={r.canComment}
      onAdd={(body) => gql(AddHighlightReportCommentDocument, { input: { reportId: r.id, body } })}
      onAdded={reload}
      onErrorsChange={onErrorsChange}
      hint="Everyone who can read the report can see comments on it."
    />
  );
}
