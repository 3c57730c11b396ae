/**
 * The activity report the server computed (RPT1–RPT7): the 15 indicators in words with what each
 * counts, the figures restated since the last export (RPT5), new and followed households, the
 * charts of one indicator by month and by welcome point, and the three downloads.
 */

import {
  type ActivityReport,
  type Indicator,
  REPORT_CODES,
  type ReportCode,
} from '../../../domain/reports/activity-report';
import { formatDate, formatDateTime, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { ReportDownload, ReportModel } from '../../../state/network-model';
import { BarChart } from './bar-chart';
import { countText, figureText, indicatorDefinition, indicatorName, monthText } from './network-words';

function Restated({ indicator }: { indicator: Indicator }) {
  const restated = indicator.restated;
  if (restated === undefined) return null;
  return (
    <dd class="indicator-restated">
      <span class="restated-mark">{t('network.restated.mark')}</span>{' '}
      {t('network.restated.text', {
        count: restated.mergesSince,
        previous: figureText(restated.previousTotal, indicator.unit),
        at: formatDateTime(restated.exportedAt),
      })}
    </dd>
  );
}

function Indicators({ report }: { report: ActivityReport }) {
  const byCode = new Map(report.indicators.map((i) => [i.code, i]));
  return (
    <section class="network-block" aria-labelledby="network-indicators">
      <h3 id="network-indicators">{t('network.indicators.heading')}</h3>
      <div class="indicator-list" data-testid="indicator-list">
        {REPORT_CODES.map((code) => {
          const indicator = byCode.get(code);
          if (indicator === undefined) return null;
          return (
            <dl key={code} class={indicator.restated ? 'indicator restated' : 'indicator'} data-code={code}>
              <dt>{indicatorName(code)}</dt>
              <dd class="indicator-total" data-testid={`total-${code}`}>
                {figureText(indicator.total, indicator.unit)}
              </dd>
              <dd class="indicator-definition">{indicatorDefinition(code)}</dd>
              <Restated indicator={indicator} />
            </dl>
          );
        })}
      </div>
    </section>
  );
}

function Households({ report }: { report: ActivityReport }) {
  const total = (code: ReportCode) => report.indicators.find((i) => i.code === code)?.total ?? 0;
  const fresh = total('households_new');
  const followed = total('households_followed');
  return (
    <section class="network-block" aria-labelledby="network-households">
      <h3 id="network-households">{t('network.households.heading')}</h3>
      <dl class="household-figures" data-testid="household-figures">
        <div>
          <dt>{t('network.households.new')}</dt>
          <dd>{countText(fresh)}</dd>
        </div>
        <div>
          <dt>{t('network.households.carried')}</dt>
          <dd>{countText(Math.max(0, followed - fresh))}</dd>
        </div>
        <div>
          <dt>{t('network.households.followed')}</dt>
          <dd>{countText(followed)}</dd>
        </div>
      </dl>
      <p class="hint">{t('network.households.help')}</p>
    </section>
  );
}

function Charts({ model, report }: { model: ReportModel; report: ActivityReport }) {
  const code = model.chartCode.value;
  const indicator = report.indicators.find((i) => i.code === code);
  const names = new Map(report.welcomePoints.map((wp) => [wp.id, wp.name]));
  const format = (value: number) => figureText(value, indicator?.unit ?? 'count');
  const name = indicatorName(code);
  return (
    <section class="network-block network-charts" aria-labelledby="network-charts">
      <h3 id="network-charts">{t('network.chart.heading')}</h3>
      <div class="field no-print">
        <label for="network-chart-code">{t('network.chart.pick')}</label>
        <select
          id="network-chart-code"
          value={code}
          onChange={(event) => model.setChartCode(event.currentTarget.value as ReportCode)}
        >
          {REPORT_CODES.map((c) => (
            <option key={c} value={c}>
              {indicatorName(c)}
            </option>
          ))}
        </select>
      </div>
      {indicator !== undefined && (
        <>
          <BarChart
            id="chart-by-month"
            title={t('network.chart.byMonth', { indicator: name })}
            orientation="vertical"
            labelHeader={t('network.chart.month')}
            format={format}
            bars={indicator.byMonth.map((m) => ({
              key: m.month,
              label: `${monthText(m.month, 'short').replace(/\s\d{4}$/, '')}\n${m.month.slice(0, 4)}`,
              fullLabel: monthText(m.month, 'long'),
              value: m.value,
            }))}
          />
          <BarChart
            id="chart-by-welcome-point"
            title={t('network.chart.byWelcomePoint', { indicator: name })}
            orientation="horizontal"
            labelHeader={t('network.chart.welcomePoint')}
            format={format}
            bars={indicator.byWelcomePoint.map((w) => {
              const label =
                w.welcomePointId === null
                  ? t('network.wp.noPoint')
                  : (names.get(w.welcomePointId) ?? w.welcomePointId);
              return { key: w.welcomePointId ?? 'none', label, fullLabel: label, value: w.value };
            })}
          />
        </>
      )}
    </section>
  );
}

const DOWNLOADS: readonly ReportDownload[] = ['csv', 'pcb', 'dossiers'];

function Downloads({ model, online }: { model: ReportModel; online: boolean }) {
  const busy = model.downloading.value;
  const failed = model.downloadError.value;
  const done = model.downloaded.value;
  const label = (which: ReportDownload) => t(`network.download.${which}` as MessageKey);
  return (
    <section class="network-block no-print" aria-labelledby="network-downloads">
      <h3 id="network-downloads">{t('network.download.heading')}</h3>
      <p class="hint">{t('network.download.help')}</p>
      <div class="network-download-buttons">
        {DOWNLOADS.map((which) => (
          <button
            key={which}
            type="button"
            disabled={!online || busy !== null}
            onClick={() => void model.download(which)}
          >
            {label(which)}
          </button>
        ))}
      </div>
      <p role="status" data-testid="download-status">
        {busy !== null ? t('network.download.pending') : ''}
        {busy === null && done !== null ? t('network.download.done', { file: done.fileName }) : ''}
      </p>
      {failed !== null && (
        <p role="alert" class="notice" data-testid="download-error">
          {t('network.download.failed', {
            file: label(failed.which),
            reason: t(`network.error.${failed.failure}` as MessageKey),
          })}
        </p>
      )}
    </section>
  );
}

export function ReportView({ model, online }: { model: ReportModel; online: boolean }) {
  const report = model.report.value;
  if (report === null) return null;
  const restatedCount = report.indicators.filter((i) => i.restated !== undefined).length;
  const places = report.welcomePoints.map((wp) => wp.name).join(', ');
  return (
    <section class="network-report" aria-labelledby="network-report-heading" data-testid="network-report">
      <div class="network-report-head">
        <h2 id="network-report-heading" tabIndex={-1}>
          {t('network.report.heading', { from: formatDate(report.from), to: formatDate(report.to) })}
        </h2>
        <button type="button" class="no-print" onClick={() => window.print()}>
          {t('network.print')}
        </button>
      </div>
      {places !== '' && <p>{t('network.report.places', { names: places })}</p>}
      <p class="hint">{t('network.report.generated', { at: formatDateTime(report.generatedAt) })}</p>
      {report.lastExportedAt !== undefined && (
        <p class="hint">{t('network.report.lastExport', { at: formatDateTime(report.lastExportedAt) })}</p>
      )}
      {restatedCount > 0 && (
        <p class="notice" data-testid="restated-summary">
          {t('network.report.restatedSummary', { count: restatedCount })}
        </p>
      )}
      <Indicators report={report} />
      <Households report={report} />
      <Charts model={model} report={report} />
      <Downloads model={model} online={online} />
    </section>
  );
}
