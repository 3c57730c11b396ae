/**
 * The micro-credit section of the Suivi tab (MC1–MC3): each request of the household as a card
 * with its steps (requested → instructed → granted/refused → repaid), and the small form of the
 * step that comes next. State and rules: src/state/followup/microcredits.ts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { FieldsOf, MicrocreditRow } from '../../../domain/dossier/rows';
import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import {
  budgetedMonthlyPayment,
  type DatedStep,
  type DecisionField,
  decisionInitial,
  nextSteps,
  type PipelineStep,
  pipelineSteps,
  type RequestField,
  requestInitial,
  sortedMicrocredits,
  validateDatedStep,
  validateDecision,
  validateRequest,
} from '../../../state/followup/microcredits';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { useOpenWhenDrafted } from '../../components/open-when-drafted';
import { fieldBindings, useForm } from './form-bits';
import { RowEditor } from './row-editor';

type Patch = Partial<FieldsOf<'microcredit'>>;
type Step = DatedStep | 'decision';
interface FormProps {
  model: DossierModel;
  today: string;
  onSaved: () => void;
  onClose: () => void;
}

function RequestForm({ model, today, onSaved, onClose }: FormProps) {
  const formId = `microcredit:new:${model.householdId}`;
  const form = useForm<RequestField, FieldsOf<'microcredit'>>({
    formId,
    initial: requestInitial(today),
    validate: validateRequest,
    save: async (fields, receipt) => {
      await model.addRow('microcredit', fields, receipt);
      onSaved();
    },
  });
  const { typed } = fieldBindings(
    form.values.value,
    form.errors.value,
    (f, v) => void form.edit(f, v),
    'microcredit-new',
    'microcredit.field',
  );
  return (
    <RowEditor
      form={form}
      title={t('microcredit.form.request')}
      submitText={t('microcredit.save')}
      savedText={t('microcredit.saved')}
      onClose={onClose}
    >
      <div class="followup-grid">
        <TextField {...typed('requestedOn')} type="date" />
        <TextField {...typed('requestedAmount')} inputMode="decimal" unit="€" />
        <TextField {...typed('purpose')} />
      </div>
    </RowEditor>
  );
}

function DatedStepForm({
  model,
  today,
  onSaved,
  onClose,
  row,
  step,
}: FormProps & { row: MicrocreditRow; step: DatedStep }) {
  const form = useForm<'date', Patch>({
    formId: `microcredit:${step}:${row.id}`,
    initial: { date: today },
    validate: (values) => validateDatedStep(row, step, values),
    save: async (patch, receipt) => {
      await model.updateRow('microcredit', row.id, patch, receipt);
      onSaved();
    },
  });
  const { typed } = fieldBindings(
    form.values.value,
    form.errors.value,
    (f, v) => void form.edit(f, v),
    `microcredit-${row.id}-${step}`,
    'microcredit.field',
  );
  return (
    <RowEditor
      form={form}
      title={t(`microcredit.form.${step}` as MessageKey, { date: formatDate(row.requestedOn) })}
      submitText={t('microcredit.save')}
      savedText={t('microcredit.saved')}
      onClose={onClose}
    >
      <TextField {...typed('date')} type="date" />
    </RowEditor>
  );
}

function DecisionForm({ model, today, onSaved, onClose, row }: FormProps & { row: MicrocreditRow }) {
  const form = useForm<DecisionField, Patch>({
    formId: `microcredit:decision:${row.id}`,
    initial: decisionInitial(today),
    validate: (values) => validateDecision(row, values),
    save: async (patch, receipt) => {
      await model.updateRow('microcredit', row.id, patch, receipt);
      onSaved();
    },
  });
  const { typed, chosen } = fieldBindings(
    form.values.value,
    form.errors.value,
    (f, v) => void form.edit(f, v),
    `microcredit-${row.id}-decision`,
    'microcredit.field',
  );
  const granted = form.values.value.decision === 'granted';
  return (
    <RowEditor
      form={form}
      title={t('microcredit.form.decision', { date: formatDate(row.requestedOn) })}
      submitText={t('microcredit.save')}
      savedText={t('microcredit.saved')}
      onClose={onClose}
    >
      <div class="followup-grid">
        <SelectField
          {...chosen('decision')}
          placeholder={t('followup.orientation.choose')}
          options={(['granted', 'refused'] as const).map((d) => ({
            value: d,
            label: t(`microcredit.decision.${d}`),
          }))}
        />
        <TextField {...typed('decidedOn')} type="date" />
        {granted && (
          <>
            <TextField {...typed('lender')} />
            <TextField {...typed('amount')} inputMode="decimal" unit="€" />
            <TextField {...typed('months')} inputMode="numeric" unit={t('microcredit.unit.months')} />
            <TextField {...typed('monthlyPayment')} inputMode="decimal" unit="€" />
            <TextField {...typed('firstPaymentOn')} type="date" />
          </>
        )}
      </div>
    </RowEditor>
  );
}

/** The word of a step: the decision reads as what it was. */
function stepWord(step: PipelineStep, row: MicrocreditRow): string {
  if (step.name === 'decided' && row.decision) return t(`microcredit.step.${row.decision}`);
  return t(`microcredit.step.${step.name}`);
}

/** The four steps, numbered big, the current one marked for screen readers too. */
function StepIndicator({ row }: { row: MicrocreditRow }) {
  const { steps } = pipelineSteps(row);
  return (
    <ol
      class="microcredit-steps"
      aria-label={t('microcredit.steps', { date: formatDate(row.requestedOn) })}
      data-testid="microcredit-steps"
    >
      {steps.map((step, i) => (
        <li
          key={step.name}
          class={`step step-${step.state}`}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span class="step-number" aria-hidden="true">
            {i + 1}
          </span>
          <span class="step-word">{stepWord(step, row)}</span>
          {step.on && <span class="step-date">{formatDate(step.on)}</span>}
          <span class="visually-hidden">{` (${t(`microcredit.step.state.${step.state}`)})`}</span>
        </li>
      ))}
    </ol>
  );
}

function MicrocreditCard({
  row,
  open,
  openStep,
  closeStep,
  onSaved,
  model,
  today,
}: {
  row: MicrocreditRow;
  open: Step | null;
  openStep: (step: Step) => void;
  /** Closes that step's form only: a save that ends late must not close the form opened since. */
  closeStep: (step: Step) => void;
  onSaved: () => void;
  model: DossierModel;
  today: string;
}) {
  const { stage } = pipelineSteps(row);
  const budgeted = budgetedMonthlyPayment(row);
  const props = (step: Step) => ({
    model,
    today,
    row,
    onClose: () => closeStep(step),
    onSaved: () => {
      closeStep(step);
      onSaved();
    },
  });
  return (
    <li data-testid="microcredit" class="microcredit-card">
      <h3>{t('microcredit.card', { date: formatDate(row.requestedOn) })}</h3>
      <StepIndicator row={row} />
      <p class="big">{t(`microcredit.stage.${stage}`)}</p>
      {row.purpose && <p>{t('microcredit.purpose', { purpose: row.purpose })}</p>}
      {row.requestedAmountCents !== undefined && (
        <p>{t('microcredit.requestedAmount', { amount: formatMoney(row.requestedAmountCents) })}</p>
      )}
      {row.decision === 'granted' && row.decidedOn && (
        <p>
          {t('microcredit.granted', {
            date: formatDate(row.decidedOn),
            lender: row.lender ?? '',
            amount: formatMoney(row.amountCents ?? 0),
            months: row.months ?? 0,
            monthly: formatMoney(row.monthlyPaymentCents ?? 0),
            first: row.firstPaymentOn ? formatDate(row.firstPaymentOn) : '',
          })}
        </p>
      )}
      {row.decision === 'refused' && row.decidedOn && (
        <p>{t('microcredit.refused', { date: formatDate(row.decidedOn) })}</p>
      )}
      {budgeted !== null && (
        <p class="big" data-testid="microcredit-in-budget">
          {t('microcredit.inBudget', { amount: formatMoney(budgeted) })}
        </p>
      )}
      {row.repaymentIssueOn && <p>{t('microcredit.issue', { date: formatDate(row.repaymentIssueOn) })}</p>}
      {row.repaidOn && <p>{t('microcredit.repaid', { date: formatDate(row.repaidOn) })}</p>}
      {open === 'decision' ? (
        <DecisionForm {...props('decision')} />
      ) : open !== null ? (
        <DatedStepForm {...props(open)} step={open} />
      ) : (
        nextSteps(row).length > 0 && (
          <div class="row-actions">
            {nextSteps(row).map((step) => (
              <button key={step} type="button" onClick={() => openStep(step)}>
                {t(`microcredit.action.${step}`)}
              </button>
            ))}
          </div>
        )
      )}
    </li>
  );
}

/** The household's micro-credits, the latest request first, and a new request. */
export function Microcredits({
  model,
  dossier,
  today,
}: {
  model: DossierModel;
  dossier: Dossier;
  today: string;
}) {
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<{ id: string; step: Step } | null>(null);
  const [saved, setSaved] = useState(0);
  const savedRef = useRef<HTMLParagraphElement>(null);
  useOpenWhenDrafted(`microcredit:new:${model.householdId}`, () => setAdding(true));
  // After a save the form closes: the focus goes to the confirmation, not to the page body.
  useEffect(() => {
    if (saved > 0) savedRef.current?.focus();
  }, [saved]);
  const rows = sortedMicrocredits(dossier.microcredits ?? []);
  const bump = () => setSaved((n) => n + 1);
  return (
    <section class="card" aria-labelledby="followup-microcredit-title">
      <h2 id="followup-microcredit-title">{t('microcredit.title')}</h2>
      <p
        role="status"
        class="save-status"
        tabIndex={-1}
        ref={savedRef}
        data-testid="microcredit-confirmation"
      >
        {saved > 0 && open === null && !adding ? t('microcredit.saved') : ''}
      </p>
      {rows.length === 0 ? (
        <p>{t('microcredit.empty')}</p>
      ) : (
        <ul class="followup-list">
          {rows.map((row) => (
            <MicrocreditCard
              key={row.id}
              row={row}
              open={open?.id === row.id ? open.step : null}
              openStep={(step) => {
                setSaved(0);
                setOpen({ id: row.id, step });
              }}
              closeStep={(step) =>
                setOpen((current) => (current?.id === row.id && current.step === step ? null : current))
              }
              onSaved={bump}
              model={model}
              today={today}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <RequestForm
          model={model}
          today={today}
          onSaved={() => {
            setAdding(false);
            bump();
          }}
          onClose={() => setAdding(false)}
        />
      ) : (
        <button
          type="button"
          onClick={() => {
            setSaved(0);
            setAdding(true);
          }}
        >
          {t('microcredit.add')}
        </button>
      )}
    </section>
  );
}
