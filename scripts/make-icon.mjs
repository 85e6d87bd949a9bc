// Draws the extension's icon, images/icon.png (128x128 RGBA), with no image library: a dark
// tile holding a checklist of section lines, the first ones ticked. Run: node scripts/make-icon.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZE = 128;
const pixels = Buffer.alloc(SIZE * SIZE * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) return;
  const at = (y * SIZE + x) * 4;
  pixels[at] = r; pixels[at + 1] = g; pixels[at + 2] = b; pixels[at + 3] = a;
};
const rect = (x0, y0, w, h, color) => { for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) set(x, y, color); };
const inRoundedTile = (x, y, r = 22) => {
  const cx = Math.min(Math.max(x, r), SIZE - 1 - r), cy = Math.min(Math.max(y, r), SIZE - 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) if (inRoundedTile(x, y)) set(x, y, [29, 43, 58]);
// Six section lines; the first four ticked in green, the rest still to write in amber.
for (let row = 0; row < 6; row++) {
  const y = 22 + row * 15;
  const done = row < 4;
  rect(24, y, 10, 10, done ? [76, 175, 80] : [255, 179, 0]);
  rect(42, y + 3, row % 2 ? 50 : 62, 4, [220, 228, 236]);
}
// A tick across the lower right corner.
for (let t = 0; t < 14; t++) rect(78 + t, 100 + t, 5, 5, [76, 175, 80]);
for (let t = 0; t < 26; t++) rect(92 + t, 113 - t, 5, 5, [76, 175, 80]);

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (buffer) => { let c = 0xffffffff; for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0); header.writeUInt32BE(SIZE, 4);
header[8] = 8; header[9] = 6; // 8 bits per channel, RGBA
const rows = Buffer.concat(Array.from({ length: SIZE }, (_, y) => Buffer.concat([Buffer.from([0]), pixels.subarray(y * SIZE * 4, (y + 1) * SIZE * 4)])));
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
writeFileSync(new URL("../images/icon.png", import.meta.url), png);
console.log(`wrote images/icon.png (${png.length} bytes)`);
