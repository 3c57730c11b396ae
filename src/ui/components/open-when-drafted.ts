/** The hook that opens a closed form when the device holds a draft of it. */
import { useEffect } from 'preact/hooks';
import { useAppState } from '../../state/app-state';

/**
 * Opens a form that is closed by default when a draft of it waits on the device (typed before a
 * crash or a reload), so the typed text is in front of the person again. Checked once per form id
 * (the opener of the first render is kept).
 */
export function useOpenWhenDrafted(formId: string, open: () => void): void {
  const { drafts } = useAppState();
  useEffect(() => {
    let live = true;
    void drafts.load(formId).then((draft) => {
      if (live && draft !== undefined) open();
    });
    return () => {
      live = false;
    };
  }, [formId, drafts]);
}
