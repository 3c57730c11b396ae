/** Every kind of derived data the drain rebuilds for a root (RPT8), in the order they run. */
import { planStatesRefresher } from '../plans/plan-states-refresher';
import type { DerivedRefresher } from './refresher';

export const DERIVED_REFRESHERS: readonly DerivedRefresher[] = [planStatesRefresher];
