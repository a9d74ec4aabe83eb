import { NotificationKind } from './notifications.entities';

/** Words for each kind, as the preferences page and digests name them. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  ACTION_DUE: 'An action you own is coming up to its due date',
  ACTION_OVERDUE: 'An action is overdue',
  REPORT_DEADLINE: 'A highlight report deadline is coming up',
  REPORT_LATE: 'A highlight report is late',
  EVIDENCE_RETURNED: 'Your evidence was returned',
  COMMITMENT_REVIEW_DUE: 'A commitment is due for review',
  VOICE_RESPONSE_DUE: 'An answer to young people is due',
  PACK_PUBLISHED: 'A board pack is published',
  INVITATION: 'Invitations to the workspace',
  PASSWORD_RESET: 'Password resets',
};

/** Example wording for each kind, for the e-mail preview: the same shapes the reminders send. */
export const EXAMPLE_MESSAGES: Record<NotificationKind, Message> = {
  ACTION_DUE: {
    title: 'Action due in 3 days: Audit the personal education plans',
    body: 'This action you own is due on 15 January 2027. Post an update to say where it is, or mark it complete.',
    link: '/dashboard',
  },
  ACTION_OVERDUE: {
    title: 'Action overdue by 14 days: Publish the leaving care guide',
    body: 'An action in your sub-group’s work plan was due on 1 January 2027 and is not complete. Post an update with where it is and a new date, or mark it complete.',
    link: '/dashboard',
  },
  REPORT_DEADLINE: {
    title: 'Highlight report due in 5 working days: Partnership board meeting',
    body: 'The highlight report from Education and Learning for Partnership board meeting is due by 1 February 2027. Submit it from the meeting’s page.',
    link: '/meetings',
  },
  REPORT_LATE: {
    title: 'Highlight report late: Partnership board meeting',
    body: 'Highlight reports from Education and Learning, Housing were due by 1 February 2027 and are not in.',
    link: '/meetings',
  },
  EVIDENCE_RETURNED: {
    title: 'Evidence returned to you: Care leavers’ council tax exemption',
    body: 'Your evidence was returned with this comment:\n\nPlease add the number of care leavers who took it up this year.\n\nChange it and submit it again.',
    link: '/evidence',
  },
  COMMITMENT_REVIEW_DUE: {
    title: 'Commitment review due in 14 days: Free bus travel for care leavers',
    body: 'Your agency’s commitment is due for review on 31 March 2027. Post an update with the latest figure and where it stands.',
    link: '/commitments',
  },
  VOICE_RESPONSE_DUE: {
    title: 'Answer to young people due in 7 days: Young people want to meet their social worker in person',
    body: 'The Children in Care Council raised this and is waiting for an answer by 14 February 2027:\n\nYoung people want to meet their social worker in person.',
    link: '/voice',
  },
  PACK_PUBLISHED: {
    title: 'Board pack published: Partnership board meeting',
    body: 'The pack for the meeting on 10 February 2027 is ready to read.',
    link: '/meetings',
  },
  INVITATION: {
    title: 'You are invited to the workspace',
    body: 'Hello,\n\nYou have been invited to the workspace. Set your password with the link below.\n\nThis link works once and expires in 7 days.',
    link: '/accept-invitation',
  },
  PASSWORD_RESET: {
    title: 'Reset your password for the workspace',
    body: 'Use the link below to set a new password. It works once and expires in an hour. If you did not ask for it, you can ignore this message.',
    link: '/reset-password',
  },
};

export interface Message {
  title: string;
  body: string;
  /** A path in the web app, such as /actions/<id>. */
  link: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Text people wrote is escaped wherever it is shown (DESIGN.md §6): in e-mail, as in the web page. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const paragraphs = (text: string): string =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

const FOOTER = 'You get this because of your notification settings in the Partnership Board Workspace.';

/** One notification as an e-mail: the same words as plain text and as simple, accessible HTML. */
export function renderEmail(m: Message, publicUrl: string, partnershipName: string): RenderedEmail {
  const url = m.link ? new URL(m.link, publicUrl).toString() : null;
  const text = [m.title, '', m.body, ...(url ? ['', `Open it: ${url}`] : []), '', '--', `${partnershipName}. ${FOOTER}`].join('\n');
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(m.title)}</title></head>
<body style="font-family:Arial,sans-serif;font-size:19px;line-height:1.3;color:#0b0c0c">
<h1 style="font-size:24px">${escapeHtml(m.title)}</h1>
${paragraphs(m.body)}
${url ? `<p><a href="${escapeHtml(url)}" style="color:#1d70b8">Open it in the workspace</a></p>` : ''}
<p style="font-size:16px;color:#505a5f">${escapeHtml(partnershipName)}. ${FOOTER}</p>
</body></html>`;
  return { subject: m.title, text, html };
}

/** Several pending notifications gathered into one e-mail: the daily or weekly digest. */
export function renderDigest(
  items: readonly Message[],
  period: 'DAILY' | 'WEEKLY',
  publicUrl: string,
  partnershipName: string,
): RenderedEmail {
  const title = `${period === 'DAILY' ? 'Your daily' : 'Your weekly'} summary: ${items.length} ${items.length === 1 ? 'update' : 'updates'}`;
  const text = [
    title,
    '',
    ...items.flatMap((m) => [
      `* ${m.title}`,
      ...(m.body ? [`  ${m.body.replace(/\n/g, '\n  ')}`] : []),
      ...(m.link ? [`  ${new URL(m.link, publicUrl)}`] : []),
      '',
    ]),
    '--',
    `${partnershipName}. ${FOOTER}`,
  ].join('\n');
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,sans-serif;font-size:19px;line-height:1.3;color:#0b0c0c">
<h1 style="font-size:24px">${escapeHtml(title)}</h1>
<ul>${items
    .map(
      (m) =>
        `<li style="margin-bottom:16px">${m.link ? `<a href="${escapeHtml(new URL(m.link, publicUrl).toString())}" style="color:#1d70b8">${escapeHtml(m.title)}</a>` : escapeHtml(m.title)}${m.body ? `<br>${escapeHtml(m.body).replace(/\n/g, '<br>')}` : ''}</li>`,
    )
    .join('')}</ul>
<p style="font-size:16px;color:#505a5f">${escapeHtml(partnershipName)}. ${FOOTER}</p>
</body></html>`;
  return { subject: title, text, html };
}
