import { useEffect } from 'react';

/** The system's name (tab titles, headers, footer); kept here, in a module every page loads anyway. */
export const SYSTEM_NAME = '职称考核认定申报评审系统';

/** Sets the tab title to '<title> - 系统名'; `active` false leaves it to someone else. */
export function useDocumentTitle(title?: string, active = true): void {
  useEffect(() => {
    if (!active) return;
    document.title = title ? `${title} - ${SYSTEM_NAME}` : SYSTEM_NAME;
  }, [title, active]);
}
