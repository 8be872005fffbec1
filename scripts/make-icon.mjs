#!/usr/bin/env node
// Draws the extension icon, images/icon.png (128×128 RGBA), with no image library: a page of
// treaty text with a heading and a seal on a dark blue tile, anti-aliased by 4×4 supersampling,
// written as a PNG with Node's zlib. Run `node scripts/make-icon.mjs` after changing it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4; // samples per pixel along each axis

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const NAVY = hex('#1f3a5f');
const NAVY_DARK = hex('#142841');
const PAGE = hex('#fbfaf6');
const FOLD = hex('#d9d4c7');
const INK = hex('#1f3a5f');
const LINE = hex('#9aa6b5');
const GOLD = hex('#d4a017');
const GOLD_DARK = hex('#a87c0c');
const RIBBON = hex('#b3262d');

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
// Triangle by barycentric signs.
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by);
  const d2 = s(x, y, bx, by, cx, cy);
  const d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

// Colour (RGBA) of one sample point, painting back to front.
function sample(x, y) {
  if (!inRoundRect(x, y, 2, 2, 126, 126, 22)) return [0, 0, 0, 0];
  const t = y / SIZE;
  let c = NAVY.map((v, i) => Math.round(v * (1 - t) + NAVY_DARK[i] * t));

  // The page, its top-right corner folded.
  const [px0, py0, px1, py1, fold] = [28, 16, 96, 112, 18];
  const onPage = inRoundRect(x, y, px0, py0, px1, py1, 4) && !inTriangle(x, y, [px1 - fold, py0 - 1], [px1 + 1, py0 - 1], [px1 + 1, py0 + fold]);
  if (onPage) c = PAGE;
  if (inTriangle(x, y, [px1 - fold, py0], [px1 - fold, py0 + fold], [px1, py0 + fold])) c = FOLD;

  // Heading and lines of text (the last lines short, as at the end of an article).
  if (onPage) {
    if (inRoundRect(x, y, 37, 28, 72, 35, 2)) c = INK;
    const lines = [[37, 46, 86], [37, 56, 86], [37, 66, 80], [44, 76, 86], [44, 86, 70]];
    for (const [lx0, ly, lx1] of lines) if (inRoundRect(x, y, lx0, ly, lx1, ly + 4, 2)) c = LINE;
  }

  // The seal with two ribbon tails.
  const [sx, sy] = [88, 88];
  if (inTriangle(x, y, [sx - 9, sy + 6], [sx - 1, sy + 8], [sx - 13, sy + 30]) || inTriangle(x, y, [sx - 13, sy + 30], [sx - 7, sy + 25], [sx - 1, sy + 8])) c = RIBBON;
  if (inTriangle(x, y, [sx + 1, sy + 8], [sx + 9, sy + 6], [sx + 13, sy + 30]) || inTriangle(x, y, [sx + 13, sy + 30], [sx + 7, sy + 25], [sx + 1, sy + 8])) c = RIBBON;
  if (inCircle(x, y, sx, sy, 20)) c = GOLD_DARK;
  if (inCircle(x, y, sx, sy, 17.5)) c = GOLD;
  if (inCircle(x, y, sx, sy, 13) && !inCircle(x, y, sx, sy, 11.5)) c = GOLD_DARK;
  // A five-pointed star in the middle of the seal.
  const star = [];
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const r = k % 2 === 0 ? 8.5 : 3.6;
    star.push([sx + r * Math.cos(a), sy + r * Math.sin(a)]);
  }
  for (let k = 0; k < 10; k++) if (inTriangle(x, y, [sx, sy], star[k], star[(k + 1) % 10])) c = GOLD_DARK;
  return [...c, 255];
}

function render() {
  const px = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const acc = [0, 0, 0, 0];
      for (let j = 0; j < SS; j++) {
        for (let i = 0; i < SS; i++) {
          const [r, g, b, a] = sample(x + (i + 0.5) / SS, y + (j + 0.5) / SS);
          acc[0] += r * a;
          acc[1] += g * a;
          acc[2] += b * a;
          acc[3] += a;
        }
      }
      const o = (y * SIZE + x) * 4;
      const alpha = acc[3] / (SS * SS);
      px[o + 3] = Math.round(alpha);
      for (let k = 0; k < 3; k++) px[o + k] = acc[3] ? Math.round(acc[k] / acc[3]) : 0;
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function iconPng() {
  const px = render();
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0; // filter: none
    px.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'images/icon.png');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, iconPng());
console.log(`wrote ${out}`);
