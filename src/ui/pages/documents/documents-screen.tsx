/** The Documents tab: the plan to print, the letters, the Banque de France file, and what blocks them. */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { formatDate, formatMoney, locale, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import {
  DOCUMENT_CHOICES,
  type DocumentChoice,
  isChoice,
  letterDraft,
  planOf,
} from '../../../state/documents/document-request';
import {
  createDocumentsModel,
  type DocumentsModel,
  type ProduceStatus,
} from '../../../state/documents/documents-model';
import { SelectField } from '../../components/fields/select-field';
import type { DossierTabProps } from '../dossier/dossier-page';
import { BdfForm } from './bdf-form';
import { LetterForm, scenarioOptions } from './letter-form';
import './documents.css';

function StatusLine({ status }: { status: ProduceStatus }) {
  switch (status.kind) {
    case 'working':
      return <>{t(status.output === 'pdf' ? 'documents.working.pdf' : 'documents.working.print')}</>;
    case 'done':
      return (
        <>
          {status.output === 'pdf'
            ? t('documents.done.pdf', { file: status.fileName })
            : t('documents.done.print')}
        </>
      );
    default:
      return null;
  }
}

function ProblemLine({ status }: { status: ProduceStatus }) {
  switch (status.kind) {
    case 'blocked':
      return <>{t(status.blocker)}</>;
    case 'logFailed':
      return <>{t('documents.logFailed', { reason: t(status.reason as MessageKey) })}</>;
    case 'failed':
      return <>{t('documents.failed', { reason: status.reason })}</>;
    default:
      return null;
  }
}

function PlanChoice({ state }: { state: DocumentsModel }) {
  const context = state.context.value;
  if (!context) return null;
  const scenarios = context.dossier.scenarios.filter((s) => !s.deleted);
  const plan = planOf(context.kit, context.dossier, context.values);
  return (
    <section class="card" aria-labelledby="documents-plan-title">
      <h2 id="documents-plan-title">{t('documents.plan.title')}</h2>
      {scenarios.length === 0 ? (
        <p class="notice">{t('documents.blocked.noPlan')}</p>
      ) : (
        <>
          <SelectField
            id="documents-plan-scenario"
            label={t('documents.plan.scenario')}
            value={plan?.scenarioId ?? ''}
            options={scenarioOptions(scenarios)}
            onChange={(v) => void state.edit('scenarioId', v)}
          />
          {plan && (
            <p>
              {t('documents.plan.summary', { months: plan.months, total: formatMoney(plan.totalPaidCents) })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Documents made on the device: choose, complete, download the PDF or print; each one is logged. */
export function DocumentsScreen({ model }: DossierTabProps) {
  const { drafts, workspace } = useAppState();
  const state = useMemo(
    () =>
      createDocumentsModel({
        model,
        drafts,
        today: workspace.today,
        locale: () => locale.value,
      }),
    [model, drafts, workspace],
  );
  useEffect(() => {
    void state.start();
    void state.cause.start();
  }, [state]);

  const printHtml = state.printHtml.value;
  useEffect(() => {
    if (!printHtml) return;
    // The print area holds the document now: open the print dialog, then empty it.
    window.print();
    state.printed();
  }, [printHtml, state]);

  const status = state.status.value;
  // The buttons are disabled while a document is made, which drops the focus to the page:
  // once it is made (or refused), focus goes to the confirmation or the reason, read out at once.
  const statusRef = useRef<HTMLParagraphElement>(null);
  const problemRef = useRef<HTMLParagraphElement>(null);
  const producing = useRef(false);
  useEffect(() => {
    if (status.kind === 'working') producing.current = true;
    if (!producing.current || status.kind === 'working' || status.kind === 'idle') return;
    producing.current = false;
    (status.kind === 'done' ? statusRef : problemRef).current?.focus();
  }, [status]);

  const context = state.context.value;
  if (state.kitError.value) {
    return (
      <p role="alert" class="error">
        {t('documents.loadFailed', { reason: state.kitError.value })}
      </p>
    );
  }
  if (!context) return <p role="status">{t('documents.loading')}</p>;

  const values = state.values.value;
  const choice: DocumentChoice = isChoice(values.choice ?? '')
    ? (values.choice as DocumentChoice)
    : 'budget_sheet';
  const working = status.kind === 'working';
  const diagnosis = context.diagnosis;

  return (
    <div class="documents-tab">
      <div class="documents-screen">
        <p>{t('documents.intro')}</p>
        {state.draftRestored.value && <p class="notice">{t('common.draftRestored')}</p>}
        <fieldset class="documents-choices">
          <legend>{t('documents.choose')}</legend>
          {DOCUMENT_CHOICES.map((c) => (
            <div class="documents-choice" key={c}>
              <input
                id={`documents-choice-${c}`}
                type="radio"
                name="documents-choice"
                value={c}
                checked={choice === c}
                aria-describedby={`documents-choice-${c}-hint`}
                onChange={() => void state.edit('choice', c)}
              />
              <label for={`documents-choice-${c}`}>{t(`documents.choice.${c}`)}</label>
              <p id={`documents-choice-${c}-hint`} class="hint">
                {t(`documents.hint.${c}`)}
              </p>
            </div>
          ))}
        </fieldset>
        <SelectField
          id="documents-language"
          label={t('documents.language')}
          value={values.docLocale === 'en' ? 'en' : 'fr'}
          options={[
            { value: 'fr', label: t('documents.language.fr') },
            { value: 'en', label: t('documents.language.en') },
          ]}
          onChange={(v) => void state.edit('docLocale', v)}
        />
        {choice === 'budget_sheet' && (
          <section class="card" aria-labelledby="documents-budget-title">
            <h2 id="documents-budget-title">{t('documents.choice.budget_sheet')}</h2>
            <p class={diagnosis ? undefined : 'notice'}>
              {diagnosis
                ? t('documents.budget.ready', { date: formatDate(diagnosis.on) })
                : t('documents.blocked.noDiagnosis')}
            </p>
          </section>
        )}
        {choice === 'letter' &&
          (context.dossier.debts.some((d) => !d.deleted) ? (
            <LetterForm state={state} draft={letterDraft(context)} dossier={context.dossier} />
          ) : (
            <p class="notice">{t('documents.blocked.noDebt')}</p>
          ))}
        {choice === 'bdf_preparation' && (
          <BdfForm state={state} context={context} dossier={context.dossier} />
        )}
        {choice === 'client_plan' && <PlanChoice state={state} />}
        <div class="documents-actions">
          <button
            type="button"
            class="primary"
            disabled={working}
            onClick={() => void state.produce(choice, 'pdf')}
          >
            {t('documents.download')}
          </button>
          <button type="button" disabled={working} onClick={() => void state.produce(choice, 'print')}>
            {t('documents.print')}
          </button>
        </div>
        <p role="status" class="save-status" tabIndex={-1} ref={statusRef}>
          <StatusLine status={status} />
        </p>
        {(status.kind === 'blocked' || status.kind === 'failed' || status.kind === 'logFailed') && (
          <p role="alert" class="error" tabIndex={-1} ref={problemRef}>
            <ProblemLine status={status} />
          </p>
        )}
      </div>
      <div
        class="document-print-area"
        data-printing={printHtml ? 'true' : undefined}
        // The print renderer escapes every text (src/documents/html/render-html.ts).
        dangerouslySetInnerHTML={printHtml ? { __html: printHtml } : undefined}
      />
    </div>
  );
}
