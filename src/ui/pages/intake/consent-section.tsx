import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { ConsentRow } from '../../../domain/dossier/rows';
import { formatDate, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { createFormModel } from '../../../state/form-model';
import {
  type ConsentField,
  type ConsentIntake,
  consentGivers,
  emptyConsentValues,
  validateConsentValues,
} from '../../../state/intake/consent-intake';
import { CONSENT_PURPOSES, withoutUndefined } from '../../../state/intake/intake-fields';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { ConsentPrint, type ConsentPrintContent } from './consent-print';
import { enumText, errorText, optionsOf } from './field-text';
import { memberName } from './members-section';
import { SaveStatus } from './save-status';

/** The printed form follows the chosen consent, or the one being recorded. */
type PrintTarget = { kind: 'form' } | { kind: 'consent'; id: string };

/**
 * Consents: record one (purpose, date, who recorded it), see those recorded and note a
 * withdrawal (the row stays as proof), print the consent form for signature.
 */
export function ConsentSection({
  model,
  dossier,
  householdName,
}: {
  model: DossierModel;
  dossier: Dossier;
  householdName: string;
}) {
  const { drafts, workspace, sync } = useAppState();
  // Recorded by the person signed in (their session), unless they write another name.
  const signedInName = sync.session.value?.user.displayName ?? '';
  const latestMembers = useRef(dossier.members);
  latestMembers.current = dossier.members;
  const [generation, setGeneration] = useState(0);
  const [recorded, setRecorded] = useState(false);
  const [target, setTarget] = useState<PrintTarget>({ kind: 'form' });
  const [printRequest, setPrintRequest] = useState(0);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const householdId = model.householdId;

  const form = useMemo(
    () =>
      createFormModel<ConsentField, ConsentIntake>({
        formId: `consent:new:${householdId}`,
        drafts,
        initial: emptyConsentValues(workspace.today(), signedInName),
        // The members of now, not of when the form was made (a birth date corrected meanwhile).
        validate: (values) => validateConsentValues(values, workspace.today(), latestMembers.current),
        save: async (value, receipt) => {
          await model.addRow('consent', withoutUndefined(value) as ConsentIntake & { date: string }, receipt);
        },
        describeError: describeWriteError,
      }),
    [householdId, drafts, workspace, model, generation, signedInName],
  );
  useEffect(() => {
    void form.load();
  }, [form]);

  // Print once the chosen content is on the page.
  useEffect(() => {
    if (printRequest > 0 && typeof window.print === 'function') window.print();
  }, [printRequest]);

  const members = dossier.members;
  const nameOf = (memberId: string | undefined) => {
    const member = memberId ? members.find((m) => m.id === memberId) : undefined;
    return member ? memberName(member) : undefined;
  };
  const consents = [...dossier.consents].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const values = form.values.value;
  const errors = form.errors.value;

  const chosen = target.kind === 'consent' ? consents.find((c) => c.id === target.id) : undefined;
  const printContent: ConsentPrintContent = chosen
    ? {
        householdName,
        reference: dossier.household.reference,
        personName: nameOf(chosen.memberId),
        purpose: chosen.purpose,
        purposeDetails: chosen.purposeDetails,
        date: chosen.date,
        recordedBy: chosen.recordedBy,
      }
    : {
        householdName,
        reference: dossier.household.reference,
        personName: nameOf(values.memberId || undefined),
        purpose: CONSENT_PURPOSES.includes(values.purpose as ConsentRow['purpose'])
          ? values.purpose
          : 'dossier_processing',
        purposeDetails: values.purposeDetails.trim() || undefined,
        date: values.date,
        recordedBy: values.recordedBy.trim(),
      };

  async function printConsent(consent: ConsentRow) {
    setTarget({ kind: 'consent', id: consent.id });
    setPrintRequest((n) => n + 1);
    if (!consent.formPrinted) {
      try {
        await model.updateRow('consent', consent.id, { formPrinted: true });
      } catch (cause) {
        setActionError(describeWriteError(cause));
      }
    }
  }

  async function withdraw(consent: ConsentRow) {
    setActionError(null);
    try {
      await model.updateRow('consent', consent.id, { withdrawnAt: workspace.today() });
      setConfirming(null);
    } catch (cause) {
      setActionError(describeWriteError(cause));
    }
  }

  const field = (name: ConsentField) => ({
    id: `consent-${name}`,
    value: values[name],
    error: errorText(errors[name]),
  });

  return (
    <>
      <section class="card no-print" aria-labelledby="intake-consent-title">
        <h2 id="intake-consent-title">{t('intake.consent.title')}</h2>
        <p class="hint">{t('intake.consent.hint')}</p>

        <h3>{t('intake.consent.listTitle')}</h3>
        {consents.length === 0 ? (
          <p>{t('intake.consent.none')}</p>
        ) : (
          <ul class="consent-list">
            {consents.map((consent) => {
              const person = nameOf(consent.memberId);
              const purpose = enumText('intake.purpose.', consent.purpose);
              return (
                <li key={consent.id}>
                  <p class="member-name">{purpose}</p>
                  {consent.purposeDetails && <p>{consent.purposeDetails}</p>}
                  {person && <p>{t('intake.consent.givenBy', { name: person })}</p>}
                  <p>
                    {t('intake.consent.given', { date: formatDate(consent.date), by: consent.recordedBy })}
                  </p>
                  <p class={consent.withdrawnAt ? 'consent-state withdrawn' : 'consent-state active'}>
                    {consent.withdrawnAt
                      ? t('intake.consent.withdrawnOn', { date: formatDate(consent.withdrawnAt) })
                      : t('intake.consent.active')}
                    {consent.formPrinted ? ` · ${t('intake.consent.printed')}` : ''}
                  </p>
                  <div class="actions">
                    <button type="button" onClick={() => void printConsent(consent)}>
                      {t('intake.consent.print')}
                    </button>
                    {!consent.withdrawnAt && confirming !== consent.id && (
                      <button type="button" onClick={() => setConfirming(consent.id)}>
                        {t('intake.consent.withdraw')}
                      </button>
                    )}
                    {confirming === consent.id && (
                      <>
                        <button type="button" class="primary" onClick={() => void withdraw(consent)}>
                          {t('common.yes')} — {t('intake.consent.withdraw')}
                        </button>
                        <button type="button" onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </button>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {actionError && (
          <p class="error" role="alert">
            {t('intake.consent.withdrawFailed', { reason: t(actionError as MessageKey) })}
          </p>
        )}

        <form
          noValidate
          aria-labelledby="consent-record-title"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await form.submit()) {
              setRecorded(true);
              setTarget({ kind: 'form' });
              setGeneration((n) => n + 1);
            }
          }}
        >
          <h3 id="consent-record-title">{t('intake.consent.recordTitle')}</h3>
          {form.draftRestored.value && (
            <p class="notice" role="status">
              {t('common.draftRestored')}
            </p>
          )}
          <div class="intake-grid">
            <SelectField
              {...field('purpose')}
              label={t('intake.field.purpose')}
              options={optionsOf(CONSENT_PURPOSES, 'intake.purpose.')}
              onChange={(v) => {
                setRecorded(false);
                void form.edit('purpose', v);
              }}
            />
            <TextField
              {...field('purposeDetails')}
              label={
                values.purpose === 'other'
                  ? t('intake.field.purposeDetails')
                  : `${t('intake.field.purposeDetails')} ${t('common.optional')}`
              }
              onInput={(v) => void form.edit('purposeDetails', v)}
            />
            <SelectField
              {...field('memberId')}
              label={t('intake.field.consentMember')}
              placeholder={t('intake.consent.wholeHousehold')}
              options={consentGivers(members, values, workspace.today()).map((m) => ({
                value: m.id,
                label: memberName(m),
              }))}
              onChange={(v) => void form.edit('memberId', v)}
            />
            <TextField
              {...field('date')}
              type="date"
              label={t('intake.field.consentDate')}
              onInput={(v) => void form.edit('date', v)}
            />
            <TextField
              {...field('recordedBy')}
              label={t('intake.field.recordedBy')}
              hint={t('intake.field.recordedByHint')}
              autoComplete="name"
              onInput={(v) => void form.edit('recordedBy', v)}
            />
          </div>
          <div class="actions">
            <button
              type="button"
              onClick={() => {
                setTarget({ kind: 'form' });
                setPrintRequest((n) => n + 1);
              }}
            >
              {t('intake.consent.print')}
            </button>
            <button type="submit" class="primary" disabled={form.status.value.kind === 'saving'}>
              {t('intake.consent.record')}
            </button>
          </div>
          {recorded && form.status.value.kind !== 'failed' ? (
            <p role="status" class="save-status">
              <span class="ok-text">{t('intake.consent.recorded')}</span>
            </p>
          ) : (
            <SaveStatus status={form.status.value} />
          )}
        </form>
      </section>
      <ConsentPrint content={printContent} />
    </>
  );
}
