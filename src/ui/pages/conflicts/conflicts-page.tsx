import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { parseEurosToCents } from '../../../domain/user-input';
import { formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { type Conflict, type ConflictValue, isMoneyField } from '../../../state/sync-model';
import { TextField } from '../../components/fields/text-field';
import { PageTitle } from '../../components/page-title';
import { formatMoment } from '../../components/sync-format';
import './conflicts-page.css';

function fieldLabel(field: string): string {
  const key = `conflicts.field.${field}` as MessageKey;
  const label = t(key);
  return label === key ? field : label;
}

function displayValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('conflicts.empty');
  if (field === 'deleted') return value === true ? t('conflicts.deleted.true') : t('conflicts.deleted.false');
  if (isMoneyField(field) && typeof value === 'number') return formatMoney(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}

/** The provisional winner the rows hold: the value with the highest HLC (rule CONF2). */
function currentIndex(values: readonly ConflictValue[]): number {
  let best = 0;
  values.forEach((v, i) => {
    if (v.hlc > (values[best]?.hlc ?? '')) best = i;
  });
  return best;
}

function shortId(id: string): string {
  return id.length > 8 ? id.slice(-8) : id;
}

/** The writer by name when the server sent it (CONF6), marked "you" when it is the signed-in person. */
function whoWrote(value: ConflictValue, myUserId: string | undefined): string {
  const mine = myUserId !== undefined && value.userId === myUserId;
  const name = value.userDisplayName?.trim();
  if (name !== undefined && name !== '') return mine ? t('conflicts.youNamed', { name }) : name;
  return mine ? t('conflicts.you') : t('conflicts.otherUser', { id: shortId(value.userId) });
}

/** The device by its label when it has one (CONF6), marked "this device" when it is this one. */
function whichDevice(value: ConflictValue, myDeviceId: string | undefined): string {
  const mine = myDeviceId !== undefined && value.deviceId === myDeviceId;
  const label = value.deviceLabel?.trim();
  if (label !== undefined && label !== '') return mine ? t('conflicts.thisDeviceNamed', { label }) : label;
  return mine ? t('conflicts.thisDevice') : t('conflicts.otherDevice', { id: shortId(value.deviceId) });
}

/** Parses a typed value for the field: euros for money, a number for numbers, text otherwise. */
function parseOther(
  field: string,
  sample: unknown,
  text: string,
): { ok: true; value: unknown } | { ok: false } {
  if (isMoneyField(field)) {
    const parsed = parseEurosToCents(text);
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false };
  }
  if (typeof sample === 'number') {
    const n = Number(text.replace(',', '.').trim());
    return text.trim() !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
  }
  return text.trim() === '' ? { ok: false } : { ok: true, value: text.trim() };
}

function ConflictCard({ conflict, onResolved }: { conflict: Conflict; onResolved: () => void }) {
  const { sync } = useAppState();
  const session = sync.session.value;
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const current = currentIndex(conflict.values);
  const headingId = `conflict-${conflict.id}`;
  const entity = t(`conflicts.entity.${conflict.entity}`);
  const canTypeOther = conflict.field !== 'deleted';

  async function keep(value: unknown) {
    setBusy(true);
    setFailure(undefined);
    try {
      await sync.resolveConflict(conflict.id, value);
      onResolved();
    } catch (cause) {
      setFailure(String(cause));
      setBusy(false);
    }
  }

  function saveOther(event: Event) {
    event.preventDefault();
    const parsed = parseOther(conflict.field, conflict.values[0]?.value, other);
    if (!parsed.ok) {
      setError(t('conflicts.invalid'));
      return;
    }
    setError(undefined);
    void keep(parsed.value);
  }

  return (
    <section class="conflict-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('conflicts.heading', { entity, field: fieldLabel(conflict.field) })}</h2>
      {conflict.kind === 'edit-vs-delete' && <p>{t('conflicts.kind.edit-vs-delete')}</p>}
      <ol class="conflict-values">
        {conflict.values.map((value, index) => {
          const n = index + 1;
          const who = whoWrote(value, session?.user.id);
          const device = whichDevice(value, session?.deviceId);
          return (
            <li key={`${value.deviceId}-${value.hlc}`} class="conflict-value">
              <h3>{t('conflicts.valueN', { n })}</h3>
              <p class="conflict-value-text" data-testid="conflict-value">
                {displayValue(conflict.field, value.value)}
              </p>
              {index === current && <p class="conflict-current">{t('conflicts.current')}</p>}
              <dl>
                <dt>{t('conflicts.by')}</dt>
                <dd>{who}</dd>
                <dt>{t('conflicts.device')}</dt>
                <dd>{device}</dd>
                <dt>{t('conflicts.when')}</dt>
                <dd>{formatMoment(value.serverTime)}</dd>
              </dl>
              <button type="button" class="primary" disabled={busy} onClick={() => void keep(value.value)}>
                {t('conflicts.keep', { n })}
              </button>
            </li>
          );
        })}
      </ol>
      {canTypeOther && (
        <form class="conflict-other" onSubmit={saveOther} noValidate>
          <TextField
            id={`conflict-other-${conflict.id}`}
            label={t('conflicts.other')}
            hint={t('conflicts.otherHint')}
            value={other}
            onInput={setOther}
            error={error}
            {...(isMoneyField(conflict.field) ? { unit: '€', inputMode: 'decimal' as const } : {})}
          />
          <button type="submit" disabled={busy}>
            {t('conflicts.saveOther')}
          </button>
        </form>
      )}
      {failure !== undefined && (
        <p class="field-error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}

/** /dossiers/:id/conflicts: every open conflict of the dossier, values side by side. */
export function ConflictsPage() {
  const { params } = useRoute();
  const householdId = params.id ?? '';
  const { sync } = useAppState();
  const [resolvedNow, setResolvedNow] = useState(false);
  const conflicts = sync.conflicts.value.filter((c) => c.householdId === householdId);
  return (
    <div class="conflicts-page">
      <PageTitle>{t('conflicts.title')}</PageTitle>
      <p>
        <a href={`/dossiers/${householdId}`}>{t('conflicts.back')}</a>
      </p>
      <p>{t('conflicts.intro')}</p>
      {resolvedNow && (
        <p role="status" class="notice">
          {t('conflicts.resolved')}
        </p>
      )}
      {conflicts.length === 0 && <p>{t('conflicts.none')}</p>}
      {conflicts.map((c) => (
        <ConflictCard key={c.id} conflict={c} onResolved={() => setResolvedNow(true)} />
      ))}
    </div>
  );
}
