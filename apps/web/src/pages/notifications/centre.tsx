/**
 * /notifications: everything the workspace has told the signed-in person (reminders and
 * events), newest first, a page at a time; unread ones marked "New". Each can be marked read,
 * or all at once; opening one's link marks it read too. "Unread only" is the address's
 * `unread=yes`.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, ErrorSummary, useApiForm } from '../../components/forms';
import { Loaded, MultilineText, Pagination, Tag, formatDateTime, showingText, useCursorPage, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { NotificationListQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { unreadCountChanged } from '../../lib/unread';
import { SingleCheckbox } from '../workplans/fields';
import { DoneBanner, done, isAppPath, type Done } from './common';

const NotificationListDocument = graphql(`
  query NotificationList($first: Int, $after: String, $unreadOnly: Boolean!) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          title
          body
          link
          createdAt
          readAt
        }
      }
    }
    unreadNotificationCount
  }
`);

export const MarkNotificationsReadDocument = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input)
  }
`);

const PAGE_SIZE = 20;

type Item = NotificationListQuery['notifications']['edges'][number]['node'];

export function NotificationsPage() {
  usePageTitle('Notifications');
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'yes';
  const page = useCursorPage();
  const q = useQuery(() => gql(NotificationListDocument, { first: PAGE_SIZE, after: page.after, unreadOnly }), [unreadOnly, page.after]);
  const [filter, setFilter] = useState(unreadOnly);
  const [message, setMessage] = useState<Done>();
  const form = useApiForm();

  const markRead = async (ids: string[] | undefined, what: string) => {
    setMessage(undefined);
    const result = await form.run(() => gql(MarkNotificationsReadDocument, { input: ids ? { ids } : {} }));
    if (result === undefined) return;
    const changed = result.markNotificationsRead;
    unreadCountChanged();
    q.reload();
    setMessage(
      done(
        ids ? `Marked as read: ${what}` : changed === 0 ? 'You had no unread notifications' : 'All your notifications are marked as read',
      ),
    );
  };

  return (
    <>
      <DoneBanner done={message} id="notifications-done" />
      <ErrorSummary errors={form.errors} fields={[]} />
      <h1 className="govuk-heading-l">Notifications</h1>
      <p className="govuk-body">Reminders and news from the workspace for you, newest first.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/notifications/settings">
          Choose how you hear about notifications, and add your dates to your calendar
        </Link>
      </p>
      <div className="app-filters">
        <form
          role="search"
          aria-label="Filter notifications"
          action="/notifications"
          method="get"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setParams(filter ? new URLSearchParams({ unread: 'yes' }) : new URLSearchParams());
          }}
        >
          <div className="govuk-form-group govuk-!-margin-bottom-3">
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <SingleCheckbox name="unread" label="Unread only" checked={filter} onChange={setFilter} />
            </div>
          </div>
          <Button secondary>Apply filter</Button>
        </form>
      </div>
      <Loaded query={q}>
        {({ notifications: list, unreadNotificationCount: unread }) => (
          <>
            <p className="govuk-body" id="unread-summary">
              {unread === 0 ? 'You have no unread notifications.' : `You have ${unread} unread notification${unread === 1 ? '' : 's'}.`}
            </p>
            {unread > 0 && (
              <Button secondary type="button" busy={form.busy} onClick={() => void markRead(undefined, '')}>
                Mark all as read
              </Button>
            )}
            {list.edges.length === 0 ? (
              <p className="govuk-body" id="notifications-empty">
                {unreadOnly
                  ? 'You have no unread notifications.'
                  : 'You have no notifications yet. Reminders and news for you will appear here.'}
              </p>
            ) : (
              <>
                <p className="govuk-body-s app-muted" id="notifications-showing">
                  {showingText(
                    page.pageNumber,
                    PAGE_SIZE,
                    list.edges.length,
                    list.totalCount,
                    unreadOnly ? 'unread notifications' : 'notifications',
                  )}
                </p>
                <ul className="govuk-list app-notifications" id="notifications">
                  {list.edges.map(({ node }) => (
                    <NotificationItem key={node.id} n={node} busy={form.busy} onMarkRead={() => void markRead([node.id], node.title)} />
                  ))}
                </ul>
                <Pagination page={page} pageInfo={list.pageInfo} label="page of notifications" />
              </>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

function NotificationItem({ n, busy, onMarkRead }: { n: Item; busy: boolean; onMarkRead: () => void }) {
  const unread = !n.readAt;
  // Opening a notification's page reads it: marked in the background as the app moves on.
  const opened = () => {
    if (unread) gql(MarkNotificationsReadDocument, { input: { ids: [n.id] } }).then(unreadCountChanged, () => undefined);
  };
  return (
    <li className={`app-notification${unread ? ' app-notification--unread' : ''}`} data-notification-id={n.id} data-unread={unread}>
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">
        {isAppPath(n.link) ? (
          <Link className="govuk-link" to={n.link} onClick={opened}>
            {n.title}
          </Link>
        ) : (
          n.title
        )}
        {unread && (
          <>
            {' '}
            <Tag>New</Tag>
          </>
        )}
      </h2>
      {n.body && <MultilineText text={n.body} className="govuk-body govuk-!-margin-bottom-2" />}
      <p className="govuk-body-s app-muted govuk-!-margin-bottom-2">{formatDateTime(n.createdAt)}</p>
      {unread && (
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          data-module="govuk-button"
          disabled={busy}
          aria-disabled={busy || undefined}
          onClick={onMarkRead}
        >
          Mark as read<span className="govuk-visually-hidden">: {n.title}</span>
        </button>
      )}
    </li>
  );
}
