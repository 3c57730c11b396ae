/**
 * The Documents tab. Its screen (forms, state) is loaded on first use, like the documents kit
 * it loads in turn (src/state/documents): none of it is in the initial JavaScript.
 */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { DossierTabProps } from '../dossier/dossier-page';

let loaded: FunctionComponent<DossierTabProps> | null = null;

export function DocumentsTab(props: DossierTabProps) {
  const [Screen, setScreen] = useState<FunctionComponent<DossierTabProps> | null>(() => loaded);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (Screen) return;
    import('./documents-screen').then(
      (module) => {
        loaded = module.DocumentsScreen;
        setScreen(() => module.DocumentsScreen);
      },
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
  }, [Screen]);
  if (failure) {
    return (
      <p role="alert" class="error">
        {t('documents.loadFailed', { reason: failure })}
      </p>
    );
  }
  if (!Screen) return <p role="status">{t('documents.loading')}</p>;
  return <Screen {...props} />;
}
