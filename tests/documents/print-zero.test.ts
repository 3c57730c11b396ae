/**
 * The printed documents get the PDF's unslashed zero (ADR 0020): one face per weight of the
 * print area's family, covering U+0030 only, whose zero has no slash.
 */
import fontkit from '@pdf-lib/fontkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRINT_FAMILY, registerPrintZero } from '../../src/documents/pdf/print-zero';
import { fontFiles } from './pdf-helpers';

interface Added {
  readonly family: string;
  readonly bytes: Uint8Array;
  readonly descriptors: FontFaceDescriptors;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the zero of printed documents', () => {
  it('adds one face per weight, for U+0030 only, drawn without the slash', async () => {
    const added: Added[] = [];
    class FakeFontFace {
      constructor(
        readonly family: string,
        readonly bytes: Uint8Array,
        readonly descriptors: FontFaceDescriptors,
      ) {}
      async load() {
        return this;
      }
    }
    vi.stubGlobal('FontFace', FakeFontFace);
    vi.stubGlobal('document', { fonts: { add: (face: Added) => added.push(face) } });
    await registerPrintZero(fontFiles());
    // The faces load side by side, so they are added in whichever order they finish.
    const faces = added.map((f) => [f.family, f.descriptors.weight, f.descriptors.unicodeRange]);
    expect(faces.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      [PRINT_FAMILY, '400', 'U+0030'],
      [PRINT_FAMILY, '700', 'U+0030'],
    ]);
    for (const face of added) {
      const zero = fontkit.create(face.bytes).glyphForCodePoint(0x30);
      // A ring and one counter: no slash.
      expect(zero.path.toSVG().split('Z').length - 1).toBe(2);
    }
  });
});
