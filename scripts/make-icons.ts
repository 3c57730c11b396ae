/**
 * Draws the Relais icons (PNG) without any image library: a white ring and baton on the brand teal.
 * Run `npx tsx scripts/make-icons.ts` after changing the design; the PNGs are committed in public/icons.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const TEAL: [number, number, number] = [0x0b, 0x55, 0x60];
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      const offset = y * (size * 4 + 1) + 1 + x * 4;
      raw[offset] = r;
      raw[offset + 1] = g;
      raw[offset + 2] = b;
      raw[offset + 3] = a;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Shape in unit coordinates (-1..1): 0 = transparent, 1 = background, 2 = mark. */
function shape(u: number, v: number, markScale: number, fullBleed: boolean): 0 | 1 | 2 {
  const corner = 0.35;
  const qx = Math.max(Math.abs(u) - (1 - corner), 0);
  const qy = Math.max(Math.abs(v) - (1 - corner), 0);
  const inside = fullBleed || Math.hypot(qx, qy) <= corner;
  if (!inside) return 0;
  const mu = u / markScale;
  const mv = v / markScale;
  const radius = Math.hypot(mu, mv);
  const ring = radius >= 0.62 && radius <= 0.86;
  const baton = Math.abs(mv) <= 0.14 && mu >= -0.3 && mu <= 1.0 && radius <= 1.0;
  const dot = Math.hypot(mu + 0.3, mv) <= 0.22;
  return ring || baton || dot ? 2 : 1;
}

function icon(size: number, markScale: number, fullBleed: boolean): Buffer {
  const samples = 4;
  return png(size, (x, y) => {
    let background = 0;
    let mark = 0;
    for (let sy = 0; sy < samples; sy += 1) {
      for (let sx = 0; sx < samples; sx += 1) {
        const u = ((x + (sx + 0.5) / samples) / size) * 2 - 1;
        const v = ((y + (sy + 0.5) / samples) / size) * 2 - 1;
        const kind = shape(u, v, markScale, fullBleed);
        if (kind === 1) background += 1;
        if (kind === 2) mark += 1;
      }
    }
    const total = samples * samples;
    const covered = background + mark;
    if (covered === 0) return [0, 0, 0, 0];
    const w = mark / covered;
    const mix = (i: 0 | 1 | 2) => Math.round(TEAL[i] * (1 - w) + WHITE[i] * w);
    return [mix(0), mix(1), mix(2), Math.round((covered / total) * 255)];
  });
}

const out = new URL('../public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), icon(192, 0.62, false));
writeFileSync(new URL('icon-512.png', out), icon(512, 0.62, false));
// Maskable: full-bleed background, mark inside the 80 % safe zone.
writeFileSync(new URL('icon-maskable-512.png', out), icon(512, 0.5, true));
writeFileSync(new URL('apple-touch-icon-180.png', out), icon(180, 0.55, true));
console.log('icons written to public/icons');
