import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/i18n';

// The first page of a visit keeps the browser's focus at the start of the document (so the skip
// link comes first); after that, each new page's title takes the focus.
let isFirstPage = true;

/**
 * A page's h1. On navigation it takes the focus (so screen readers announce the new page)
 * and sets the document title: `documentTitle` when the heading names a person, since the
 * browser writes page titles to its history and session files on disk (issue 16).
 */
export function PageTitle({ children, documentTitle }: { children: string; documentTitle?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${documentTitle ?? children} · ${t('app.name')}`;
    if (isFirstPage) {
      isFirstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, [children, documentTitle]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
