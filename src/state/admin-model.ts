/**
 * The Administration screen's state (admin role only): the lists of welcome points and users,
 * and the actions on them, each with its own pending and error signals.
 *
 * Administration is online only: nothing is queued. Offline (or when the server cannot be
 * reached) an action fails with `offline` at once and the screen keeps what was typed. Values
 * are checked first with the server's own schemas, so most mistakes are caught before sending;
 * the server's refusals (user name taken, ...) come back as the same per-field reasons.
 */
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { NewUserSchema, UserPatchSchema, WelcomePointNameSchema } from '../domain/sync/admin';
import {
  ALL_SCOPE_ROLES,
  type Role,
  RoleSchema,
  type User,
  type WelcomePoint,
} from '../domain/sync/protocol';
import {
  AdminApi,
  type AdminApiOptions,
  AdminError,
  type AdminErrorKind,
  type AdminField,
  type AdminFieldErrors,
  fieldOfPath,
} from '../sync/admin-api';
import { createUserDevicesModel, type UserDevicesModel } from './admin-devices-model';

export type { AdminField, AdminFieldErrors, Role, User, WelcomePoint };
/** Roles that see every household whatever their welcome points (theirs do not matter). */
export { ALL_SCOPE_ROLES };
export const ROLES: readonly Role[] = RoleSchema.options;
export function isRole(value: string): value is Role {
  return RoleSchema.safeParse(value).success;
}

/** Why an action failed, as an i18n key suffix: `admin.failure.<kind>`. */
export type AdminFailure = AdminErrorKind | 'not-admin';

export interface AdminActionError {
  /** What the action was about: a user or welcome point id, or '' for a creation. */
  target: string;
  kind: AdminFailure;
  fields: AdminFieldErrors;
}

export type AdminOutcome<T> = { ok: true; value: T } | ({ ok: false } & AdminActionError);

/** One action's state: what it is running on (null when idle) and its last failure. */
export interface AdminActionState {
  pending: ReadonlySignal<string | null>;
  error: ReadonlySignal<AdminActionError | null>;
  clearError(): void;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  welcomePointIds: string[];
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  welcomePointIds?: string[];
  /** A new password (the server then signs out every device of the user). */
  password?: string;
}

function fieldsOf(issues: readonly { path: readonly PropertyKey[] }[]): AdminFieldErrors {
  const fields: AdminFieldErrors = {};
  for (const issue of issues) {
    const field = fieldOfPath(issue.path.map(String).join('/'));
    if (field !== undefined) fields[field] = 'invalid';
  }
  return fields;
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'fr');
}
function byDisplayName(a: User, b: User): number {
  return a.displayName.localeCompare(b.displayName, 'fr') || a.username.localeCompare(b.username);
}

/**
 * `transport` is the sync service's (same fetch, server, session); undefined when there is no
 * sync service, and every action then fails with `offline`. `role` is the signed-in person's.
 */
export function createAdminModel(
  transport: AdminApiOptions | undefined,
  isOnline: ReadonlySignal<boolean>,
  role: ReadonlySignal<Role | null>,
) {
  const api = transport === undefined ? undefined : new AdminApi(transport);
  const isAdmin = computed(() => role.value === 'admin');
  const welcomePoints = signal<WelcomePoint[]>([]);
  const users = signal<User[]>([]);
  /** Whether the lists were loaded once (false until then: the screen shows "loading"). */
  const loaded = signal(false);
  const activeWelcomePoints = computed(() => welcomePoints.value.filter((wp) => !wp.archived));

  function makeAction() {
    const pending = signal<string | null>(null);
    const error = signal<AdminActionError | null>(null);
    const state: AdminActionState = { pending, error, clearError: () => (error.value = null) };
    async function run<T>(
      target: string,
      work: (api: AdminApi) => Promise<T>,
      check?: () => AdminFieldErrors,
    ): Promise<AdminOutcome<T>> {
      const fail = (kind: AdminFailure, fields: AdminFieldErrors = {}): AdminOutcome<T> => {
        error.value = { target, kind, fields };
        return { ok: false, target, kind, fields };
      };
      if (!isAdmin.value) return fail('not-admin');
      const fields = check?.() ?? {};
      if (Object.keys(fields).length > 0) return fail('invalid', fields);
      if (api === undefined || !isOnline.value) return fail('offline');
      pending.value = target;
      error.value = null;
      try {
        return { ok: true, value: await work(api) };
      } catch (caught) {
        if (caught instanceof AdminError) return fail(caught.kind, caught.fields);
        return fail('server');
      } finally {
        pending.value = null;
      }
    }
    return { state, run };
  }

  const loading = makeAction();
  const createWp = makeAction();
  const updateWp = makeAction();
  const createUsr = makeAction();
  const updateUsr = makeAction();
  const sessions = makeAction();

  function putWelcomePoint(wp: WelcomePoint): void {
    welcomePoints.value = [...welcomePoints.value.filter((w) => w.id !== wp.id), wp].sort(byName);
  }
  function putUser(user: User): void {
    users.value = [...users.value.filter((u) => u.id !== user.id), user].sort(byDisplayName);
  }

  const nameCheck = (name: string) => (): AdminFieldErrors =>
    WelcomePointNameSchema.safeParse(name).success ? {} : { name: 'invalid' };

  return {
    isAdmin,
    welcomePoints: welcomePoints as ReadonlySignal<WelcomePoint[]>,
    activeWelcomePoints,
    users: users as ReadonlySignal<User[]>,
    loaded: loaded as ReadonlySignal<boolean>,
    /** Each action's pending target and last failure. */
    actions: {
      load: loading.state,
      createWelcomePoint: createWp.state,
      updateWelcomePoint: updateWp.state,
      createUser: createUsr.state,
      updateUser: updateUsr.state,
      revokeSessions: sessions.state,
    },

    /** Loads both lists from the server. */
    async load(): Promise<AdminOutcome<void>> {
      const outcome = await loading.run('', (a) => Promise.all([a.listWelcomePoints(), a.listUsers()]));
      if (!outcome.ok) return outcome;
      const [wps, list] = outcome.value;
      welcomePoints.value = [...wps].sort(byName);
      users.value = [...list].sort(byDisplayName);
      loaded.value = true;
      return { ok: true, value: undefined };
    },

    async createWelcomePoint(name: string): Promise<AdminOutcome<WelcomePoint>> {
      const trimmed = name.trim();
      const outcome = await createWp.run('', (a) => a.createWelcomePoint(trimmed), nameCheck(trimmed));
      if (outcome.ok) putWelcomePoint(outcome.value);
      return outcome;
    },

    async renameWelcomePoint(id: string, name: string): Promise<AdminOutcome<WelcomePoint>> {
      const trimmed = name.trim();
      const outcome = await updateWp.run(
        id,
        (a) => a.updateWelcomePoint(id, { name: trimmed }),
        nameCheck(trimmed),
      );
      if (outcome.ok) putWelcomePoint(outcome.value);
      return outcome;
    },

    /** Archives (DELETE) or brings back (PATCH archived: false) a welcome point. */
    async setWelcomePointArchived(id: string, archived: boolean): Promise<AdminOutcome<WelcomePoint>> {
      const outcome = await updateWp.run(id, async (a) => {
        if (!archived) return a.updateWelcomePoint(id, { archived: false });
        await a.archiveWelcomePoint(id);
        const known = welcomePoints.value.find((wp) => wp.id === id);
        return { id, name: known?.name ?? id, archived: true };
      });
      if (outcome.ok) putWelcomePoint(outcome.value);
      return outcome;
    },

    async createUser(input: NewUserInput): Promise<AdminOutcome<User>> {
      const body = {
        username: input.username.trim(),
        displayName: input.displayName.trim(),
        role: input.role,
        welcomePointIds: input.welcomePointIds,
        password: input.password,
      };
      const outcome = await createUsr.run(
        '',
        (a) => a.createUser(body),
        () => {
          const parsed = NewUserSchema.safeParse(body);
          return parsed.success ? {} : fieldsOf(parsed.error.issues);
        },
      );
      if (outcome.ok) putUser(outcome.value);
      return outcome;
    },

    /** Changes a user's name, role, welcome points or password. */
    async updateUser(id: string, changes: UserChanges): Promise<AdminOutcome<User>> {
      const patch = {
        ...changes,
        ...(changes.displayName === undefined ? {} : { displayName: changes.displayName.trim() }),
      };
      const outcome = await updateUsr.run(
        id,
        (a) => a.updateUser(id, patch),
        () => {
          const parsed = UserPatchSchema.safeParse(patch);
          return parsed.success ? {} : fieldsOf(parsed.error.issues);
        },
      );
      if (outcome.ok) putUser(outcome.value);
      return outcome;
    },

    /** Deactivates a user (DELETE: every session ends) or reactivates one (PATCH). */
    async setUserDisabled(id: string, disabled: boolean): Promise<AdminOutcome<User>> {
      const outcome = await updateUsr.run(id, async (a) => {
        if (disabled) {
          await a.deactivateUser(id);
          return a.getUser(id);
        }
        return a.updateUser(id, { disabled: false });
      });
      if (outcome.ok) putUser(outcome.value);
      return outcome;
    },

    /** One user's devices and the wipe orders (WIPE3), over the same transport. */
    devicesOf(userId: string): UserDevicesModel {
      return createUserDevicesModel(transport, isOnline, role, userId);
    },

    /** Ends every open session of a user: their devices must sign in again. Returns how many. */
    revokeSessions(id: string): Promise<AdminOutcome<number>> {
      return sessions.run(id, (a) => a.revokeUserSessions(id));
    },
  };
}

export type AdminModel = ReturnType<typeof createAdminModel>;

const models = new WeakMap<object, AdminModel>();

/**
 * The app's one Administration model, made on first use from the app state's `adminDeps`, so
 * its code comes with the Administration page's chunk and not with the app.
 */
export function adminModelFor(state: {
  adminDeps: {
    transport: AdminApiOptions | undefined;
    isOnline: ReadonlySignal<boolean>;
    role: ReadonlySignal<Role | null>;
  };
}): AdminModel {
  let model = models.get(state);
  if (model === undefined) {
    const { transport, isOnline, role } = state.adminDeps;
    model = createAdminModel(transport, isOnline, role);
    models.set(state, model);
  }
  return model;
}
