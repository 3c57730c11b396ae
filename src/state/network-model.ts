/**
 * The Network page (issue 15, docs/reports-and-plans.md): the activity report and the plans to
 * follow, for coordinators and admins. Online only: everything lives on the server. Without an
 * API (hand-built states) the model is inert.
 */
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { Role, WelcomePoint } from '../domain/sync/protocol';
import type { AuthorizedTransport } from '../sync/authorized-fetch';
import { createNetworkApi, type NetworkApi } from '../sync/network-api';
import { downloadBlob } from './download';
import { createReportModel } from './network-report-model';
import { createPlanWorklistModel } from './plan-worklist-model';
import { SUPERVISOR_ROLES } from './supervision-roles';

export type { NetworkFailure, ReportDownload, ReportModel } from './network-report-model';
export type { PlanWorklistModel, WorklistTab } from './plan-worklist-model';
export type { WelcomePoint };

/** The page's two parts. */
export type NetworkSection = 'report' | 'plans';

export interface NetworkDeps {
  isOnline: ReadonlySignal<boolean>;
  role: ReadonlySignal<Role | null>;
  welcomePoints: ReadonlySignal<readonly WelcomePoint[]>;
  today: () => string;
  download?: (blob: Blob, fileName: string) => void;
  worklistPageSize?: number;
}

export function createNetworkModel(api: NetworkApi | undefined, deps: NetworkDeps) {
  const allowed = computed(() => deps.role.value !== null && SUPERVISOR_ROLES.includes(deps.role.value));
  const section = signal<NetworkSection>('report');
  const report = createReportModel(api, {
    isOnline: deps.isOnline,
    allowed,
    welcomePoints: deps.welcomePoints,
    today: deps.today,
    download: deps.download ?? downloadBlob,
  });
  const plans = createPlanWorklistModel(api, {
    isOnline: deps.isOnline,
    allowed,
    ...(deps.worklistPageSize === undefined ? {} : { pageSize: deps.worklistPageSize }),
  });
  return { allowed, section, report, plans };
}

export type NetworkModel = ReturnType<typeof createNetworkModel>;

const models = new WeakMap<object, NetworkModel>();

/**
 * The page's model, made on its first visit (it comes with the page's chunk, ADR 0015), then
 * kept for the app's life, over the same authorized transport as the coordinator's console.
 */
export function networkModelFor(state: {
  coordinationDeps: {
    transport: AuthorizedTransport | undefined;
    isOnline: ReadonlySignal<boolean>;
    role: ReadonlySignal<Role | null>;
  };
  sync: { welcomePoints: ReadonlySignal<readonly WelcomePoint[]> };
  workspace: { today: () => string };
}): NetworkModel {
  let model = models.get(state);
  if (model === undefined) {
    const { transport, isOnline, role } = state.coordinationDeps;
    model = createNetworkModel(transport === undefined ? undefined : createNetworkApi(transport), {
      isOnline,
      role,
      welcomePoints: state.sync.welcomePoints,
      today: state.workspace.today,
    });
    models.set(state, model);
  }
  return model;
}
