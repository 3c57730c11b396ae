/**
 * The PostgreSQL the suites use, or undefined: the one place tests read DATABASE_URL. An empty
 * value means "no PostgreSQL" (README: `DATABASE_URL=` runs without it even when one answers, and
 * vitest.config.ts then leaves it alone), so it counts as unset here.
 */
export const DATABASE_URL: string | undefined = process.env.DATABASE_URL || undefined;
