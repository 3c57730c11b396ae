import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';
import { STATUSES, TRACKS } from '../../state/intake/intake-fields';
import {
  APPOINTMENT_CHOICES,
  type AppointmentChoice,
  applyLocalFilters,
  EMPTY_LIST_FILTERS,
  hasActiveFilters,
  type ListFilterValues,
  toListQuery,
} from '../../state/intake/list-filters';
import { SelectField } from '../components/fields/select-field';
import { TextField } from '../components/fields/text-field';
import { PageTitle } from '../components/page-title';
import { DossierList } from './dossiers/dossier-list';
import { ExportButton } from './dossiers/export-button';
import { ImportPanel } from './dossiers/import-panel';
import { optionsOf } from './intake/field-text';
import './dossiers/dossiers.css';
import './intake/intake.css';

/** The dossiers on this device: search as you type, filters, most recent activity first; transfer. */
export function DossiersPage() {
  const { workspace, sync } = useAppState();
  const { list } = workspace;
  const [filters, setFilterValues] = useState<ListFilterValues>(EMPTY_LIST_FILTERS);
  /** The filters as last typed, ahead of the render that shows them. */
  const latest = useRef(filters);
  // Welcome points seen in the lists so far: the choices of the filter, by name when known.
  const welcomePoints = useRef(new Set<string>());

  useEffect(() => {
    list.setFilters(toListQuery(latest.current, workspace.today()));
    return list.start();
  }, [list]);

  // The query follows a keystroke from the event itself: an effect would wait for the next frame
  // (Preact runs effects after paint), 8–16 ms more on every keystroke (issue 17).
  const apply = (next: ListFilterValues) => {
    latest.current = next;
    setFilterValues(next);
    list.setFilters(toListQuery(next, workspace.today()));
  };
  const update = (patch: Partial<ListFilterValues>) => apply({ ...latest.current, ...patch });
  const raw = list.results.value;
  for (const summary of raw ?? []) {
    if (summary.household.welcomePointId) welcomePoints.current.add(summary.household.welcomePointId);
  }
  const results = useMemo(
    () => (raw ? applyLocalFilters(raw, filters) : null),
    // Only the appointment filter is applied here; the others are the query's.
    [raw, filters.appointment],
  );
  // A keystroke re-renders this page at once (the field), before its results arrive: the rows are
  // re-rendered only when the results change, not twice per keystroke (issue 17).
  const rows = useMemo(
    () => (results !== null && results.length > 0 ? <DossierList summaries={results} /> : null),
    [results],
  );
  const filtering = hasActiveFilters(filters);
  const error = list.error.value;

  return (
    <section class="page dossiers-page">
      <PageTitle>{t('dossiers.title')}</PageTitle>
      <div class="actions">
        <a class="button-link primary big-button" href="/dossiers/new">
          {t('dossiers.new')}
        </a>
      </div>

      <section class="card" aria-labelledby="dossiers-search-title">
        <h2 id="dossiers-search-title">{t('dossiers.searchTitle')}</h2>
        <div class="search-box">
          <TextField
            id="dossiers-search"
            type="search"
            label={t('dossiers.search')}
            hint={t('dossiers.searchHint')}
            value={filters.search}
            onInput={(search) => update({ search })}
          />
        </div>
        <div class="intake-grid">
          <SelectField
            id="dossiers-track"
            label={t('dossiers.filter.track')}
            value={filters.track}
            placeholder={t('dossiers.filter.all')}
            options={optionsOf(TRACKS, 'dossier.track.')}
            onChange={(track) => update({ track })}
          />
          <SelectField
            id="dossiers-status"
            label={t('dossiers.filter.status')}
            value={filters.status}
            placeholder={t('dossiers.filter.all')}
            options={optionsOf(STATUSES, 'dossier.status.')}
            onChange={(status) => update({ status })}
          />
          <SelectField
            id="dossiers-welcome-point"
            label={t('dossiers.filter.welcomePoint')}
            value={filters.welcomePoint}
            placeholder={t('dossiers.filter.all')}
            options={[...welcomePoints.current]
              .map((value) => ({ value, label: sync.welcomePointName(value) }))
              .sort((a, b) => a.label.localeCompare(b.label))}
            onChange={(welcomePoint) => update({ welcomePoint })}
          />
          <SelectField
            id="dossiers-appointment"
            label={t('dossiers.filter.appointment')}
            value={filters.appointment}
            options={optionsOf(APPOINTMENT_CHOICES, 'dossiers.filter.appointment.')}
            onChange={(appointment) => update({ appointment: appointment as AppointmentChoice })}
          />
          {filters.appointment === 'between' && (
            <>
              <TextField
                id="dossiers-from"
                type="date"
                label={t('dossiers.filter.from')}
                value={filters.from}
                onInput={(from) => update({ from })}
              />
              <TextField
                id="dossiers-to"
                type="date"
                label={t('dossiers.filter.to')}
                value={filters.to}
                onInput={(to) => update({ to })}
              />
            </>
          )}
        </div>
        {filtering && (
          <button type="button" onClick={() => apply(EMPTY_LIST_FILTERS)}>
            {t('dossiers.filter.clear')}
          </button>
        )}
      </section>

      <section aria-labelledby="dossiers-results-title">
        <h2 id="dossiers-results-title">{t('dossiers.resultsTitle')}</h2>
        {error ? (
          <p class="error" role="alert">
            {t('dossiers.loadFailed', { reason: String(error) })}
          </p>
        ) : null}
        <p role="status" class="save-status" data-testid="dossiers-count">
          {results === null
            ? t('dossiers.loading')
            : list.hasMore.value
              ? t('dossiers.countMostRecent', { count: results.length })
              : t('dossiers.count', { count: results.length })}
        </p>
        {results !== null && results.length === 0 && (
          <div class="empty-state">
            {filtering ? (
              <>
                <p class="big">{t('dossiers.noMatch')}</p>
                <p>{t('dossiers.noMatchHint')}</p>
              </>
            ) : (
              <>
                <p class="big">{t('dossiers.empty')}</p>
                <p>{t('dossiers.emptyCreate')}</p>
                <a class="button-link primary" href="/dossiers/new">
                  {t('dossiers.new')}
                </a>
              </>
            )}
          </div>
        )}
        {rows}
        {results !== null && list.hasMore.value && (
          <p>
            <button type="button" class="big-button" onClick={() => list.showMore()}>
              {t('dossiers.showMore')}
            </button>
          </p>
        )}
      </section>

      <section class="card" aria-labelledby="transfer-title">
        <h2 id="transfer-title">{t('transfer.title')}</h2>
        <p class="hint">{t('transfer.hint')}</p>
        <ExportButton ids="all" label="transfer.exportAll" />
        <ImportPanel />
      </section>
    </section>
  );
}
