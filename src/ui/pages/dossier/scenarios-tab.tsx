import type { DossierTabProps } from './dossier-page';

// Filled in by the screen's own change (issue 5).
export function ScenariosTab(_props: DossierTabProps) {
  return <div />;
}
