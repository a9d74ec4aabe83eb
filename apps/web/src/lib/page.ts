import { useEffect } from 'react';

const SERVICE = 'Partnership Board Workspace';

/** Sets the page title the GOV.UK way: "Error: " first when the page shows errors. */
export function usePageTitle(title: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – ${SERVICE}`;
  }, [title, hasErrors]);
}
