/**
 * SEC1: zod without its JIT. Zod 4 compiles object parsers with `new Function` when it may, and
 * probes for that once; under the server's Content-Security-Policy (no 'unsafe-eval') the probe
 * fails, zod falls back to its interpreter, and the browser reports a CSP violation for the
 * probe. `jitless` skips the probe: same speed as under the policy anyway, no false alarm in
 * the violation reports. Imported first by every browser entry (main.tsx, the worker), before
 * any schema is built (zod reads the flag when an object schema is created).
 */
import { z } from 'zod';

z.config({ jitless: true });
