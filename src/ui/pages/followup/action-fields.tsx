/**
 * What the new-action form and the correction form share: the fields of an action (which depend
 * on its kind), and the facts a recorded action shows (in the log and in its history).
 */
import {
  ActionStatusSchema,
  BdfDecisionSchema,
  ProducedDocumentKindSchema,
} from '../../../domain/dossier/action';
import type { Dossier } from '../../../domain/dossier/dossier';
import { currentRevisionOf } from '../../../domain/dossier/revisions';
import type { ActionRow } from '../../../domain/dossier/rows';
import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import {
  ACTION_KINDS,
  type ActionField,
  currentActions,
  KIND_FIELDS,
} from '../../../state/followup/actions-log';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { TextField } from '../../components/fields/text-field';
import { fieldBindings } from './form-bits';

// The choices are the schemas' own lists: a new status, decision or document kind shows here.
const STATUSES = ActionStatusSchema.options;
const DECISIONS = BdfDecisionSchema.options;
const DOCUMENTS = ProducedDocumentKindSchema.options;

export const kindLabel = (kind: string) => t(`followup.action.kind.${kind}` as MessageKey);

/** "Demande de médiation du 3 décembre 2026": how a message names one action. */
export const actionName = (action: Pick<ActionRow, 'kind' | 'date'>) =>
  t('followup.action.named', { name: kindLabel(action.kind), date: formatDate(action.date) });

export interface ActionFieldsProps {
  /** Prefix of the fields' ids (one form per prefix on the page). */
  idPrefix: string;
  values: Readonly<Record<ActionField, string>>;
  errors: Readonly<Partial<Record<ActionField, string>>>;
  edit: (field: ActionField, value: string) => void;
  dossier: Dossier;
}

/** The fields of an action: kind, date, status, those of its kind, and the details. */
export function ActionFields({ idPrefix, values, errors, edit, dossier }: ActionFieldsProps) {
  const { typed, chosen } = fieldBindings(values, errors, edit, idPrefix, 'followup.action.field');
  const kind = ACTION_KINDS.find((k) => k === values.kind) ?? 'mediation_request';
  const extra = new Set(KIND_FIELDS[kind]);
  const creditors = dossier.creditors.filter((c) => !c.deleted);
  // A filing corrected since is offered once, as it reads now.
  const filings = currentActions(dossier.actions).filter((a) => a.kind === 'bdf_filing');
  return (
    <>
      <div class="followup-grid">
        <SelectField {...chosen('kind')} options={choices(ACTION_KINDS, 'followup.action.kind')} />
        <TextField {...typed('date')} type="date" />
        <SelectField {...chosen('status')} options={choices(STATUSES, 'followup.action.status')} />
        {extra.has('creditorId') && (
          <SelectField
            {...chosen('creditorId', 'creditor')}
            placeholder={t('common.none')}
            options={creditors.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        {extra.has('months') && <TextField {...typed('months')} inputMode="numeric" />}
        {extra.has('office') && <TextField {...typed('office')} />}
        {extra.has('lender') && <TextField {...typed('lender')} />}
        {extra.has('amount') && <TextField {...typed('amount')} inputMode="decimal" unit="€" />}
        {extra.has('decision') && (
          <SelectField {...chosen('decision')} options={choices(DECISIONS, 'followup.decision')} />
        )}
        {extra.has('filingId') && (
          <SelectField
            {...chosen('filingId', 'filing')}
            placeholder={t('common.none')}
            options={filings.map((f) => ({ value: f.id, label: formatDate(f.date) }))}
          />
        )}
        {extra.has('topic') && <TextField {...typed('topic')} />}
        {extra.has('documentKind') && (
          <SelectField
            {...chosen('documentKind', 'document', 'documentKind')}
            options={choices(DOCUMENTS, 'followup.document')}
          />
        )}
        {extra.has('title') && <TextField {...typed('title')} />}
      </div>
      <TextAreaField {...typed('details')} />
    </>
  );
}

export function ActionFacts({ action, dossier }: { action: ActionRow; dossier: Dossier }) {
  const facts: string[] = [];
  const creditorName = (id?: string) => dossier.creditors.find((c) => c.id === id)?.name;
  switch (action.kind) {
    case 'mediation_request':
    case 'grace_period': {
      const name = creditorName(action.creditorId);
      if (name) facts.push(t('followup.action.creditor', { name }));
      if (action.kind === 'grace_period' && action.months)
        facts.push(t('followup.action.months', { count: action.months }));
      break;
    }
    case 'tax_relief_request':
      if (action.office) facts.push(t('followup.action.office', { office: action.office }));
      if (action.amountCents !== undefined)
        facts.push(t('followup.action.amount', { amount: formatMoney(action.amountCents) }));
      break;
    case 'micro_credit_application':
      if (action.lender) facts.push(t('followup.action.lender', { lender: action.lender }));
      if (action.amountCents !== undefined)
        facts.push(t('followup.action.amount', { amount: formatMoney(action.amountCents) }));
      break;
    case 'bdf_decision': {
      facts.push(
        t('followup.action.decision', { decision: t(`followup.decision.${action.decision}` as MessageKey) }),
      );
      // The filing as it reads now, even when it was corrected after the decision was recorded.
      const filing = action.filingId ? currentRevisionOf(dossier.actions, action.filingId) : undefined;
      if (filing) facts.push(t('followup.action.forFiling', { date: formatDate(filing.date) }));
      break;
    }
    case 'budget_workshop':
      if (action.topic) facts.push(t('followup.action.topic', { topic: action.topic }));
      break;
    case 'document_produced':
      facts.push(t(`followup.document.${action.documentKind}` as MessageKey));
      if (action.title) facts.push(t('followup.action.title', { title: action.title }));
      break;
    case 'bdf_filing':
    case 'budget_diagnosis':
      break;
  }
  return (
    <>
      {facts.map((f) => (
        <p key={f}>{f}</p>
      ))}
      {action.details && <p class="pre">{action.details}</p>}
    </>
  );
}

/** "Corrigée le … : reason" / "Annulée le … : reason" of a revision, or nothing. */
export function RevisionReason({ action }: { action: ActionRow }) {
  const revision = action.revision;
  if (!revision) return null;
  const d = new Date(revision.writtenAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = formatDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
  return (
    <p class="revision-reason">
      {t(`followup.revision.${revision.kind}` as MessageKey, { date, reason: revision.reason })}
    </p>
  );
}
