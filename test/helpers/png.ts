/**
 * PNG files built byte by byte for the hostile-file tests: an image of any declared size whose pixel
 * rows are all zero (so that even 12 000 × 12 000 compresses to a few hundred KB: a decompression bomb).
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A PNG's signature and header (IHDR) only: all that a size check reads. */
export function pngHeader(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
  ]);
}

/** A grey (8-bit, one channel) PNG of width × height, every pixel black. */
export function blankPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width + 1) * height); // per row a filter byte and the pixels, all zero
  return Buffer.concat([
    pngHeader(width, height),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
