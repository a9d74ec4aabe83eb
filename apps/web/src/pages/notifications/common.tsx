/**
 * What the notification pages share: a success banner that takes the focus when it appears
 * (as GOV.UK Frontend's own success banner does), so someone who pressed a button that then
 * disappears hears what happened and carries on from there.
 */
import { useEffect, useId, useRef } from 'react';

export interface Done {
  heading: string;
  body?: string;
  /** Changes on every action, so the same message twice is still focused twice. */
  at: number;
}

export function done(heading: string, body?: string): Done {
  return { heading, body, at: Date.now() };
}

export function DoneBanner({ done, id }: { done: Done | undefined; id?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (done) ref.current?.focus();
  }, [done]);
  if (!done) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      id={id}
      className="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{done.heading}</p>
        {done.body && <p className="govuk-body">{done.body}</p>}
      </div>
    </div>
  );
}

/** A path inside this app ("/actions/…"), never another site: a notification's link is shown only if it is one. */
export function isAppPath(link: string | null | undefined): link is string {
  return !!link && /^\/(?![/\\])/.test(link) && !/[\\\s]/.test(link);
}
