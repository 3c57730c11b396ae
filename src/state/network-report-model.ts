/**
 * The "Rapport d’activité" of the Network page (issue 15, RPT1–RPT10): the period and the welcome
 * points picked, the report the server computed for them, the indicator the charts show, and the
 * three downloads (the CSV, a funder's preset, the anonymised dossier export). Online only:
 * nothing is kept on the device but what the screen shows.
 */
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { ActivityReport, Indicator, ReportCode } from '../domain/reports/activity-report';
import type { WelcomePoint } from '../domain/sync/protocol';
import { type DownloadedFile, type NetworkApi, NetworkError, type ReportScope } from '../sync/network-api';
import {
  type PeriodChoice,
  type PeriodFieldError,
  type PeriodPreset,
  quarterOf,
  readPeriod,
} from './network-period';

export type NetworkFailure = NetworkError['kind'];

export function networkFailureOf(error: unknown): NetworkFailure {
  return error instanceof NetworkError ? error.kind : 'server';
}

/** The three files the report offers (RPT9, the PCB preset, RPT10). */
export type ReportDownload = 'csv' | 'pcb' | 'dossiers';

export interface ReportModelDeps {
  isOnline: ReadonlySignal<boolean>;
  allowed: ReadonlySignal<boolean>;
  /** The signed-in person's welcome points (their scope). */
  welcomePoints: ReadonlySignal<readonly WelcomePoint[]>;
  today: () => string;
  /** Hands a file to the browser (src/state/download.ts in the app). */
  download: (blob: Blob, fileName: string) => void;
}

export function createReportModel(api: NetworkApi | undefined, deps: ReportModelDeps) {
  const today = deps.today();
  const choice = signal<PeriodChoice>({ preset: 'thisYear', quarter: quarterOf(today), from: '', to: '' });
  const periodErrors = signal<{ from?: PeriodFieldError; to?: PeriodFieldError }>({});
  /** The welcome points left out by the coordinator (all of their scope are in at first). */
  const excluded = signal<ReadonlySet<string>>(new Set());
  const welcomePointsMissing = signal(false);
  const report = signal<ActivityReport | null>(null);
  const loading = signal(false);
  const error = signal<NetworkFailure | null>(null);
  const chartCode = signal<ReportCode>('consultations');
  const downloading = signal<ReportDownload | null>(null);
  const downloadError = signal<{ which: ReportDownload; failure: NetworkFailure } | null>(null);
  /** The last file handed to the browser: which, and the name it was saved under. */
  const downloaded = signal<{ which: ReportDownload; fileName: string } | null>(null);
  let generation = 0;

  const selectedWelcomePoints = computed(() =>
    deps.welcomePoints.value.filter((wp) => !excluded.value.has(wp.id)).map((wp) => wp.id),
  );

  /** The scope to ask for, or null with the fields' errors set. */
  function scope(): ReportScope | null {
    const read = readPeriod(choice.value, deps.today());
    periodErrors.value = read.ok ? {} : read.errors;
    const all = deps.welcomePoints.value;
    const picked = selectedWelcomePoints.value;
    welcomePointsMissing.value = all.length > 0 && picked.length === 0;
    if (!read.ok || welcomePointsMissing.value) return null;
    // All of the scope: none named, so the server takes the caller's scope (and the same key for RPT5).
    const welcomePoints = picked.length === all.length ? undefined : picked;
    return { from: read.from, to: read.to, ...(welcomePoints ? { welcomePoints } : {}) };
  }

  async function load(): Promise<void> {
    if (api === undefined || !deps.allowed.value) return;
    const asked = scope();
    if (asked === null) return;
    if (!deps.isOnline.value) {
      error.value = 'offline';
      return;
    }
    const mine = ++generation;
    loading.value = true;
    downloaded.value = null;
    downloadError.value = null;
    try {
      const answer = await api.activityReport(asked);
      if (mine !== generation) return;
      report.value = answer;
      error.value = null;
    } catch (caught) {
      if (mine === generation) error.value = networkFailureOf(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function download(which: ReportDownload): Promise<void> {
    const shown = report.value;
    if (api === undefined || shown === null || downloading.value !== null) return;
    if (!deps.isOnline.value) {
      downloadError.value = { which, failure: 'offline' };
      return;
    }
    // The files are of the report on screen: its period and its welcome points.
    const all = deps.welcomePoints.value;
    const ids = shown.welcomePoints.map((wp) => wp.id);
    const same = ids.length === all.length && all.every((wp) => ids.includes(wp.id));
    const asked: ReportScope = { from: shown.from, to: shown.to, ...(same ? {} : { welcomePoints: ids }) };
    downloading.value = which;
    downloadError.value = null;
    downloaded.value = null;
    try {
      let file: DownloadedFile;
      if (which === 'dossiers') file = await api.dossiersCsv(asked);
      else file = await api.activityCsv(asked, which === 'pcb' ? 'pcb' : undefined);
      deps.download(file.blob, file.fileName);
      downloaded.value = { which, fileName: file.fileName };
    } catch (caught) {
      downloadError.value = { which, failure: networkFailureOf(caught) };
    } finally {
      downloading.value = null;
    }
  }

  const indicators = computed<ReadonlyMap<ReportCode, Indicator>>(
    () => new Map((report.value?.indicators ?? []).map((i) => [i.code, i])),
  );

  return {
    choice,
    periodErrors,
    selectedWelcomePoints,
    welcomePointsMissing,
    report,
    indicators,
    loading,
    error,
    chartCode,
    downloading,
    downloadError,
    downloaded,
    load,
    download,
    setPreset(preset: PeriodPreset): void {
      choice.value = { ...choice.value, preset };
      periodErrors.value = {};
    },
    setQuarter(quarter: string): void {
      choice.value = { ...choice.value, quarter };
    },
    setDate(field: 'from' | 'to', text: string): void {
      choice.value = { ...choice.value, [field]: text };
      if (periodErrors.value[field] !== undefined)
        periodErrors.value = { ...periodErrors.value, [field]: undefined };
    },
    toggleWelcomePoint(id: string, included: boolean): void {
      const next = new Set(excluded.value);
      if (included) next.delete(id);
      else next.add(id);
      excluded.value = next;
      if (included) welcomePointsMissing.value = false;
    },
    setAllWelcomePoints(included: boolean): void {
      excluded.value = included ? new Set() : new Set(deps.welcomePoints.value.map((wp) => wp.id));
      if (included) welcomePointsMissing.value = false;
    },
    setChartCode(code: ReportCode): void {
      chartCode.value = code;
    },
  };
}

export type ReportModel = ReturnType<typeof createReportModel>;
