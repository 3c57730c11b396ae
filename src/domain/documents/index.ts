/**
 * Documents made on the device: the pure part. Builders from the dossier to a
 * layout-independent description (document-model.ts), letter templates as data, the
 * forclusion check, the Banque de France preparation (Cerfa sections, checklist, warnings).
 * The renderers (PDF, print HTML) are in src/documents, loaded only when first used.
 */
export * from './bdf-checklist';
export * from './bdf-preparation';
export * from './budget-sheet';
export * from './cerfa-debt-categories';
export * from './client-plan';
export * from './document-model';
export * from './forclusion';
export * from './letter';
export * from './letter-figures';
export * from './saved-plan';
export * from './templates';
export * from './templates/template-types';
