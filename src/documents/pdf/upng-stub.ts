/** pdf-lib's PNG decoder, not bundled in the browser: see pdf-lib-stubs.ts (ADR 0026). */
import { upng } from './pdf-lib-stubs';

// biome-ignore lint/style/noDefaultExport: @pdf-lib/upng's shape, imported as a default by pdf-lib.
export default upng;
