import { useEffect, useState } from 'preact/hooks';
import type { WorkshopRow } from '../../../domain/dossier/rows';
import { workshopsPageEn } from '../../../i18n/catalogues/workshops-page-en';
import { workshopsPageFr } from '../../../i18n/catalogues/workshops-page-fr';
import { provideLazyCatalogue, t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import { workshopsModelFor } from '../../../state/workshops/workshops-for';
import { allowedWorkshopWelcomePoints } from '../../../state/workshops/workshops-model';
import { PageTitle } from '../../components/page-title';
import { WorkshopForm } from './workshop-form';
import { WorkshopList } from './workshop-list';
import './workshops.css';

provideLazyCatalogue({ fr: workshopsPageFr, en: workshopsPageEn });

/** What the form shows: closed, a new session, or one session being edited. */
type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'edit'; row: WorkshopRow };

/**
 * Ateliers (WS1–WS3): the budget workshop sessions of the person's welcome points, recorded on
 * this device (offline too: they sync later), each with its hours of training.
 */
export function WorkshopsPage() {
  const state = useAppState();
  const model = workshopsModelFor(state);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [saved, setSaved] = useState(false);
  useEffect(() => model.start(), [model]);

  // The form takes the focus when it opens; closing it gives it back to the "new" button.
  useEffect(() => {
    if (editing.kind !== 'closed') document.getElementById('workshop-form-title')?.focus();
  }, [editing]);

  const points = model.welcomePoints.value;
  const canRecord = allowedWorkshopWelcomePoints(points).length > 0;
  const filters = model.filters.value;

  function done(wasSaved: boolean) {
    setSaved(wasSaved);
    setEditing({ kind: 'closed' });
    setTimeout(() => document.getElementById('workshop-new')?.focus(), 0);
  }

  return (
    <section class="page workshops">
      <PageTitle>{t('workshops.title')}</PageTitle>
      <p>{t('workshops.intro')}</p>
      <p role="status" class="notice-line">
        {saved && editing.kind === 'closed' ? t('workshops.saved') : ''}
      </p>
      {!canRecord && <p class="notice">{t('workshops.noWelcomePoint')}</p>}
      {editing.kind === 'closed' ? (
        canRecord && (
          <button
            id="workshop-new"
            type="button"
            class="primary"
            onClick={() => {
              setSaved(false);
              setEditing({ kind: 'new' });
            }}
          >
            {t('workshops.new')}
          </button>
        )
      ) : (
        <WorkshopForm
          key={editing.kind === 'edit' ? editing.row.id : 'new'}
          model={model}
          editing={editing.kind === 'edit' ? editing.row : undefined}
          onDone={done}
        />
      )}
      <form class="workshop-filters" aria-label={t('workshops.filters')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="ws-filter-wp">{t('workshops.filter.welcomePoint')}</label>
          <select
            id="ws-filter-wp"
            value={filters.welcomePointId ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value;
              model.setFilters({ ...filters, welcomePointId: value === '' ? undefined : value });
            }}
          >
            <option value="">{t('workshops.filter.allWelcomePoints')}</option>
            {points.map((wp) => (
              <option key={wp.id} value={wp.id}>
                {wp.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="ws-filter-year">{t('workshops.filter.year')}</label>
          <select
            id="ws-filter-year"
            value={filters.year ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value;
              model.setFilters({ ...filters, year: value === '' ? undefined : value });
            }}
          >
            <option value="">{t('workshops.filter.allYears')}</option>
            {model.years.value.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
      </form>
      <WorkshopList
        model={model}
        onEdit={(row) => {
          setSaved(false);
          setEditing({ kind: 'edit', row });
        }}
      />
    </section>
  );
}
