/**
 * The dossier's plans in the follow-up tab (docs/reports-and-plans.md PLAN1–PLAN4): each plan in
 * force with its state, and the form of a new one, prefilled from the chosen scenario when the
 * dossier has one.
 */
import { useEffect, useState } from 'preact/hooks';
import type { IsoDate } from '../../../domain/dates';
import { chosenScenario, savedPlan } from '../../../domain/documents/saved-plan';
import type { Dossier } from '../../../domain/dossier/dossier';
import { t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import { type PlanValues, planInitial, planInitialFromScenario } from '../../../state/plans/plan-form';
import { dossierPlanViews } from '../../../state/plans/plan-view';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { useOpenWhenDrafted } from '../../components/open-when-drafted';
import { PlanCard } from './plan-card';
import { PlanForm } from './plan-form';
import './plans.css';

interface Prefill {
  initial: PlanValues;
  scenarioName?: string;
}

/**
 * The chosen scenario's figures as a new plan's form, when they fit it. Computed when the form
 * opens (the scenario's plan is recomputed by the engine), not at each render.
 */
function prefillOf(dossier: Dossier): Prefill {
  const row = chosenScenario(dossier);
  const result = row ? savedPlan(dossier, row) : undefined;
  const initial = result?.ok ? planInitialFromScenario(result.plan) : undefined;
  return initial && row ? { initial, scenarioName: row.name } : { initial: planInitial() };
}

export function PlansSection({
  model,
  dossier,
  today,
}: {
  model: DossierModel;
  dossier: Dossier;
  today: IsoDate;
}) {
  const { plans } = useAppState();
  const [creating, setCreating] = useState<Prefill | null>(null);
  const open = () => setCreating((current) => current ?? prefillOf(dossier));
  useOpenWhenDrafted(`plan:new:${model.householdId}`, open);
  useEffect(() => {
    void plans.loadThresholds();
  }, [plans]);
  const views = dossierPlanViews(dossier.plans, dossier.planPayments, today, plans.thresholds.value);
  return (
    <section class="card plans-section" aria-labelledby="plans-title">
      <h2 id="plans-title">{t('plans.title')}</h2>
      <p>{t('plans.intro')}</p>
      {views.length === 0 && <p>{t('plans.none')}</p>}
      {views.map((view) => (
        <PlanCard key={view.plan.id} model={model} view={view} today={today} />
      ))}
      {creating ? (
        <PlanForm
          model={model}
          initial={creating.initial}
          scenarioName={creating.scenarioName}
          onDone={() => setCreating(null)}
        />
      ) : (
        <button type="button" onClick={open}>
          {t('plans.add')}
        </button>
      )}
    </section>
  );
}
