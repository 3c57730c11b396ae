/**
 * The "Point conseil budget" preset (RPT9): the columns of a PCB annual activity report as sums of
 * the report's indicators. It is data, to be confirmed with an association against the form of
 * the year: change a label, a code or the indicators a column adds here, and nothing else
 * (docs/reports-and-plans.md, "Presets"). A column only adds indicators of one unit.
 */
import type { ReportPreset } from './preset';

export const PCB_PRESET: ReportPreset = {
  id: 'pcb',
  label: 'Point conseil budget — rapport annuel d’activité',
  columns: [
    { code: 'pcb_menages_accompagnes', label: 'Ménages accompagnés', sum: ['households_followed'] },
    { code: 'pcb_nouveaux_menages', label: 'Nouveaux ménages', sum: ['households_new'] },
    { code: 'pcb_entretiens', label: 'Entretiens (consultations)', sum: ['consultations'] },
    { code: 'pcb_diagnostics', label: 'Diagnostics budgétaires complets', sum: ['diagnoses'] },
    {
      code: 'pcb_intermediation_creanciers',
      label: 'Interventions auprès des créanciers (médiations, délais, remises fiscales)',
      sum: ['bank_mediations', 'grace_periods', 'tax_relief'],
    },
    {
      code: 'pcb_dossiers_surendettement',
      label: 'Dossiers de surendettement déposés',
      sum: ['bdf_dossiers'],
    },
    {
      code: 'pcb_procedures_retablissement',
      label: 'Rétablissements personnels (avec ou sans liquidation)',
      sum: ['prp', 'liquidations'],
    },
    { code: 'pcb_plans_suivis', label: 'Plans de remboursement suivis', sum: ['plans_followed'] },
    { code: 'pcb_microcredits_demandes', label: 'Demandes de microcrédit', sum: ['microcredit_requests'] },
    { code: 'pcb_microcredits_accordes', label: 'Microcrédits accordés', sum: ['microcredit_granted'] },
    {
      code: 'pcb_heures_ateliers',
      label: 'Heures d’ateliers budgétaires (participants × durée)',
      sum: ['training_hours'],
    },
  ],
};
