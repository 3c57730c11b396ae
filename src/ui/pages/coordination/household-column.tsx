/**
 * One household of the review, as the two columns show it side by side: who created it, where
 * and when; its people, budget lines, debts and follow-up. What is in both households is marked
 * in words ("en double"), not by colour alone.
 */
import { outstandingCents } from '../../../domain/budget/debt-summary';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { ReviewHousehold } from '../../../state/coordination-model';
import { formatMoment } from '../../components/sync-format';
import { amountText, dateText, personName } from './coordination-words';

type Row = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const cents = (value: unknown): number => (typeof value === 'number' ? value : 0);

function rowsOf(household: ReviewHousehold, entity: string): Row[] {
  return household.children.filter((c) => c.entity === entity && !c.row.deleted).map((c) => c.row as Row);
}

function Mark({ on }: { on: boolean }) {
  if (!on) return null;
  return <span class="coordination-mark">{t('coordination.household.duplicateMark')}</span>;
}

function Lines({
  title,
  rows,
  line,
}: {
  title: string;
  rows: Row[];
  line: (row: Row) => preact.ComponentChildren;
}) {
  return (
    <>
      <h4>{title}</h4>
      {rows.length === 0 ? (
        <p class="coordination-none">{t('coordination.household.none')}</p>
      ) : (
        <ul class="coordination-lines">
          {rows.map((row) => (
            <li key={str(row.id)}>{line(row)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export function HouseholdColumn({
  household,
  side,
  headingId,
  label,
  duplicated,
}: {
  household: ReviewHousehold;
  side: 'survivor' | 'merged';
  headingId: string;
  label: string;
  /** Ids of this household's children that the preview found in both households. */
  duplicated: ReadonlySet<string>;
}) {
  const members = rowsOf(household, 'member');
  const resources = rowsOf(household, 'resource');
  const charges = rowsOf(household, 'charge');
  const creditors = rowsOf(household, 'creditor');
  const debts = rowsOf(household, 'debt');
  const actions = rowsOf(household, 'action');
  const appointments = rowsOf(household, 'appointment');
  const notes = rowsOf(household, 'note');
  const shown = new Set([
    'member',
    'resource',
    'charge',
    'creditor',
    'debt',
    'action',
    'appointment',
    'note',
  ]);
  const others = household.children.filter((c) => !shown.has(c.entity) && !c.row.deleted).length;
  const creditorName = (id: unknown) =>
    str(creditors.find((c) => c.id === id)?.name) || t('coordination.household.unknownCreditor');
  const reference = str(household.household.reference);

  return (
    // Named by its side and its label: the two households may carry the same names.
    <section
      class="card coordination-household"
      aria-labelledby={`${headingId}-side ${headingId}`}
      data-testid={`household-${side}`}
    >
      <p class="coordination-role" id={`${headingId}-side`}>
        {t(side === 'survivor' ? 'coordination.review.survivor' : 'coordination.review.merged')}
      </p>
      <h3 id={headingId}>{label}</h3>
      <dl class="facts">
        <dt>{t('coordination.household.reference')}</dt>
        <dd>{reference || t('coordination.pair.noReference')}</dd>
        <dt>{t('coordination.household.welcomePoint')}</dt>
        <dd>{household.welcomePoint?.name ?? t('coordination.pair.noWelcomePoint')}</dd>
        <dt>{t('coordination.household.createdBy')}</dt>
        <dd>{household.createdBy.displayName ?? t('coordination.unknownPerson')}</dd>
        <dt>{t('coordination.household.createdAt')}</dt>
        <dd>
          {household.createdAt === null
            ? t('coordination.household.unknown')
            : formatMoment(household.createdAt)}
        </dd>
      </dl>
      <Lines
        title={t('coordination.household.people')}
        rows={members}
        line={(m) => (
          <>
            <strong>{personName(m)}</strong>
            {str(m.role) !== '' && <> · {t(`intake.role.${str(m.role)}` as MessageKey)}</>}
            {dateText(m.birthDate) !== '' && (
              <> · {t('coordination.household.bornOn', { date: dateText(m.birthDate) })}</>
            )}
            {str(m.birthName) !== '' && str(m.birthName) !== str(m.lastName) && (
              <> · {t('coordination.household.birthName', { name: str(m.birthName) })}</>
            )}{' '}
            <Mark on={duplicated.has(str(m.id))} />
          </>
        )}
      />
      <Lines
        title={t('coordination.household.resources')}
        rows={resources}
        line={(r) => (
          <>
            {str(r.label) || t(`budget.resourceType.${str(r.type)}` as MessageKey)} :{' '}
            <span class="coordination-amount">{amountText(r)}</span>
          </>
        )}
      />
      <Lines
        title={t('coordination.household.charges')}
        rows={charges}
        line={(c) => (
          <>
            {str(c.label) || t(`budget.chargeType.${str(c.type)}` as MessageKey)} :{' '}
            <span class="coordination-amount">{amountText(c)}</span>
          </>
        )}
      />
      <Lines
        title={t('coordination.household.debts')}
        rows={debts}
        line={(d) => (
          <>
            {creditorName(d.creditorId)} ({t(`debts.product.${str(d.product)}` as MessageKey)}) :{' '}
            <span class="coordination-amount">{formatMoneyOf(d)}</span>
            {str(d.reference) !== '' && (
              <> · {t('coordination.household.debtReference', { reference: str(d.reference) })}</>
            )}{' '}
            <Mark on={duplicated.has(str(d.id)) || duplicated.has(str(d.creditorId))} />
          </>
        )}
      />
      <h4>{t('coordination.household.followup')}</h4>
      <ul class="coordination-lines">
        <li>
          {t('coordination.household.actions', { count: actions.length })}
          {actions.length > 0 && (
            <ul>
              {actions.map((a) => (
                <li key={str(a.id)}>
                  {t(`followup.action.kind.${str(a.kind)}` as MessageKey)}, {dateText(a.date)} (
                  {t(`followup.action.status.${str(a.status)}` as MessageKey)})
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>
          {t('coordination.household.appointments', { count: appointments.length })}
          {appointments.length > 0 && (
            <ul>
              {appointments.map((a) => (
                <li key={str(a.id)}>
                  {dateText(a.startsAt)} {str(a.startsAt).slice(11, 16)} (
                  {t(`followup.appointment.status.${str(a.status)}` as MessageKey)})
                  {str(a.purpose) !== '' && <> · {str(a.purpose)}</>}
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>{t('coordination.household.notes', { count: notes.length })}</li>
        {others > 0 && <li>{t('coordination.household.others', { count: others })}</li>}
      </ul>
    </section>
  );
}

function formatMoneyOf(debt: Row): string {
  return amountText({
    amountCents: outstandingCents({
      capitalRemainingCents: cents(debt.capitalRemainingCents),
      arrearsCents: cents(debt.arrearsCents),
      accruedInterestCents: cents(debt.accruedInterestCents),
    }),
  });
}
