/**
 * A small PNG decoder for the visual check: 8-bit RGB or RGBA, not interlaced (what
 * `pdftoppm -png` writes). Concatenates the IDAT chunks, inflates them with zlib and undoes the
 * per-row filters (None, Sub, Up, Average, Paeth).
 */
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /** RGB, 3 bytes per pixel, rows top to bottom (alpha dropped). */
  readonly rgb: Uint8Array;
}

export function decodePng(file: Uint8Array): DecodedPng {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  signature.forEach((byte, i) => {
    if (file[i] !== byte) throw new Error('not a PNG');
  });
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (offset < file.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...file.subarray(offset + 4, offset + 8));
    const data = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const bitDepth = data[8];
      const colorType = data[9];
      const interlace = data[12];
      if (bitDepth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) {
        throw new Error(
          `unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`,
        );
      }
      channels = colorType === 2 ? 3 : 4;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x += 1) {
      const a = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`bad filter ${filter}`);
      pixels[y * stride + x] = ((line[x] ?? 0) + predictor) & 0xff;
    }
  }
  if (channels === 3) return { width, height, rgb: pixels };
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i += 1) {
    rgb[i * 3] = pixels[i * 4] ?? 0;
    rgb[i * 3 + 1] = pixels[i * 4 + 1] ?? 0;
    rgb[i * 3 + 2] = pixels[i * 4 + 2] ?? 0;
  }
  return { width, height, rgb };
}

/** Pixels whose largest channel difference exceeds `threshold`, as a share of all pixels. */
export function differingShare(a: DecodedPng, b: DecodedPng, threshold: number): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  const count = a.width * a.height;
  for (let i = 0; i < count; i += 1) {
    const d = Math.max(
      Math.abs((a.rgb[i * 3] ?? 0) - (b.rgb[i * 3] ?? 0)),
      Math.abs((a.rgb[i * 3 + 1] ?? 0) - (b.rgb[i * 3 + 1] ?? 0)),
      Math.abs((a.rgb[i * 3 + 2] ?? 0) - (b.rgb[i * 3 + 2] ?? 0)),
    );
    if (d > threshold) differing += 1;
  }
  return differing / count;
}
