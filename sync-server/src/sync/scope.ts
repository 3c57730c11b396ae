/**
 * The scope rule (docs/sync-protocol.md AUTH6, ADR 0019), held in one place: which households a
 * person sees and may write. Coordinators and admins see every household; volunteers and
 * counsellors see
 *
 * - the households of their welcome points, and
 * - the households without a welcome point that they created (their personal dossiers).
 *
 * Being a household's creator gives nothing once it has a welcome point: a volunteer who created
 * a household and saw it moved to a welcome point they do not have loses it like any colleague.
 *
 * The rule is written once, as data (`SCOPE_RULE`), and read two ways: `inScope`, the predicate
 * push authorisation uses, and `scopeSql`, the condition the store puts in its queries (pull,
 * scope removals, conflicts, AUTH6b). A property test (tests/server/sync/scope.test.ts) checks
 * that both forms agree on random households, people and moves, on SQLite and PostgreSQL.
 */
import { ALL_SCOPE_ROLES, type Role } from '../../../src/domain/sync/protocol';
import type { SqlValue } from '../stores/sql';

/** Which households a query may see: all of them, or those of one person's welcome points. */
export type Scope = { all: true } | { all: false; userId: string; welcomePointIds: readonly string[] };

/** What the scope rule reads of a household. */
export interface HouseholdScope {
  id: string;
  welcomePointId: string | null;
  createdBy: string;
}

/** The household columns the rule reads. */
export type ScopeColumn = 'welcomePointId' | 'createdBy';

/** One condition on one household column. */
export type ScopeTerm =
  /** The column is empty (no welcome point). */
  | { column: ScopeColumn; is: 'none' }
  /** The column holds the caller's user id. */
  | { column: ScopeColumn; is: 'the-caller' }
  /** The column holds one of the caller's welcome points. */
  | { column: ScopeColumn; is: 'one-of-the-callers-welcome-points' };

/**
 * AUTH6 for a caller who does not see everything: a household is in scope when all the terms of
 * at least one clause hold.
 */
export const SCOPE_RULE: readonly (readonly ScopeTerm[])[] = [
  [{ column: 'welcomePointId', is: 'one-of-the-callers-welcome-points' }],
  [
    { column: 'welcomePointId', is: 'none' },
    { column: 'createdBy', is: 'the-caller' },
  ],
];

/** The scope of an account: everything for coordinators and admins, else its own. */
export function scopeOf(user: { id: string; role: Role; welcomePointIds: readonly string[] }): Scope {
  return ALL_SCOPE_ROLES.includes(user.role)
    ? { all: true }
    : { all: false, userId: user.id, welcomePointIds: user.welcomePointIds };
}

// ---------------------------------------------------------------------------------------------
// The predicate

function termHolds(term: ScopeTerm, scope: Scope & { all: false }, household: HouseholdScope): boolean {
  const value = household[term.column];
  switch (term.is) {
    case 'none':
      return value === null;
    case 'the-caller':
      return value !== null && value === scope.userId;
    case 'one-of-the-callers-welcome-points':
      return value !== null && scope.welcomePointIds.includes(value);
  }
}

/** Whether the household is in the scope. */
export function inScope(scope: Scope, household: HouseholdScope): boolean {
  if (scope.all) return true;
  return SCOPE_RULE.some((clause) => clause.every((term) => termHolds(term, scope, household)));
}

// ---------------------------------------------------------------------------------------------
// The SQL condition

/**
 * The SQL expression of each column the rule reads, for one query: the household as it is now
 * (`h.welcome_point_id`), or as it was before a move (`r.old_welcome_point_id`).
 */
export type ScopeColumns = Readonly<Record<ScopeColumn, string>>;

/**
 * The rule as an SQL condition over `columns`, in the statements' common dialect: `$n`
 * placeholders, which PostgreSQL reads as they are and the SQLite adapter rewrites (sql.ts).
 * Each value is appended to `params` and named by its position there, so the condition goes
 * anywhere in a statement whose earlier parameters are already in `params`.
 *
 * Every term is true or false, never NULL (each test of a value first checks it is not NULL),
 * so `NOT (condition)` is exactly "out of scope" too: with SQL's three-valued logic, a bare
 * `welcome_point_id IN (…)` on a household without one is NULL, and its negation NULL again,
 * which would drop such a household from both sides.
 */
export function scopeSql(scope: Scope, columns: ScopeColumns, params: SqlValue[]): string {
  if (scope.all) return '(1 = 1)';
  const placeholder = (value: SqlValue): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const termSql = (term: ScopeTerm): string => {
    const column = columns[term.column];
    switch (term.is) {
      case 'none':
        return `${column} IS NULL`;
      case 'the-caller':
        return `(${column} IS NOT NULL AND ${column} = ${placeholder(scope.userId)})`;
      case 'one-of-the-callers-welcome-points': {
        const ids = [...new Set(scope.welcomePointIds)];
        if (ids.length === 0) return '(1 = 0)';
        return `(${column} IS NOT NULL AND ${column} IN (${ids.map(placeholder).join(', ')}))`;
      }
    }
  };
  const clauses = SCOPE_RULE.map((clause) => `(${clause.map(termSql).join(' AND ')})`);
  return `(${clauses.join(' OR ')})`;
}
