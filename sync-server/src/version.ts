import { readFileSync } from 'node:fs';
import { z } from 'zod';

// Read at runtime rather than imported: the server runs from source with tsx and the JSON sits
// outside the server's tsconfig.
const PackageSchema = z.object({ version: z.string() });

export const APP_VERSION = PackageSchema.parse(
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')),
).version;
