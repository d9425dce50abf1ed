import { crc32 } from "node:zlib";
import { ARRAYS, type PostingArrays } from "../search/passage-index.ts";

/**
 * The snapshot container: a JSON header followed by the index's typed arrays as raw bytes, so that
 * loading maps them without parsing or copying (a JSON snapshot of a 10,000-article corpus spent
 * most of its load time decoding base64).
 *
 *   bytes 0-7   "SDSNAP02"
 *   bytes 8-11  header length n (uint32, little-endian)
 *   bytes 12-15 CRC-32 of every byte from 16 to the end (uint32, little-endian)
 *   bytes 16..  header (UTF-8 JSON), then zero padding to a multiple of 8
 *   then        each array's bytes, in the order the header lists them, each padded to 8
 *
 * The checksum is checked before anything is decoded: a damaged file is rebuilt, never served, and
 * never read with offsets that point anywhere. CRC-32 (zlib's, in node) reads a 60 MB snapshot in
 * tens of milliseconds; it guards against damage, not against someone who can write the file.
 */
const MAGIC = "SDSNAP02";
/** The magic of the first layout, which had no checksum: such a file is stale, not damaged. */
const OLD_MAGIC = "SDSNAP01";
const PREFIX = 16;

interface ArrayEntry {
  readonly name: string;
  readonly type: string;
  readonly byteOffset: number;
  readonly length: number;
}

const align = (n: number) => Math.ceil(n / 8) * 8;

/** Whether bytes start like a container of this layout. */
export function isContainer(bytes: Buffer): boolean {
  return bytes.length >= PREFIX && bytes.toString("latin1", 0, 8) === MAGIC;
}

/** Whether bytes are a container of an earlier layout. */
export function isOldContainer(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.toString("latin1", 0, 8) === OLD_MAGIC;
}

/** Lays out a header and the arrays in one buffer. */
export function encodeContainer(header: object, arrays: PostingArrays): Buffer {
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(arrays) as Array<
    [keyof PostingArrays, PostingArrays[keyof PostingArrays]]
  >) {
    entries.push({ name, type: array.constructor.name, byteOffset: offset, length: array.length });
    offset = align(offset + array.byteLength);
  }
  const json = Buffer.from(JSON.stringify({ ...header, arrays: entries }));
  const start = align(PREFIX + json.length);
  const buffer = Buffer.alloc(start + offset);
  buffer.write(MAGIC, 0, "latin1");
  buffer.writeUInt32LE(json.length, 8);
  json.copy(buffer, PREFIX);
  entries.forEach((entry) => {
    const array = arrays[entry.name as keyof PostingArrays];
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(buffer, start + entry.byteOffset);
  });
  buffer.writeUInt32LE(crc32(buffer.subarray(PREFIX)), 12);
  return buffer;
}

/**
 * Reads a container: its header, and its arrays as views on the buffer. Throws when the bytes are
 * not a container or an array lies outside them.
 */
export function decodeContainer(buffer: Buffer): { header: Record<string, unknown>; arrays: PostingArrays } {
  if (!isContainer(buffer)) throw new Error("not a storydesk snapshot");
  if (crc32(buffer.subarray(PREFIX)) !== buffer.readUInt32LE(12)) {
    throw new Error("the snapshot's checksum does not match its contents");
  }
  const length = buffer.readUInt32LE(8);
  if (PREFIX + length > buffer.length) throw new Error("the snapshot's header is cut short");
  const header = JSON.parse(buffer.toString("utf8", PREFIX, PREFIX + length)) as Record<string, unknown>;
  const entries = header.arrays;
  if (!Array.isArray(entries)) throw new Error("the snapshot lists no arrays");
  const start = align(PREFIX + length);
  // A copy into a fresh ArrayBuffer when the file's buffer is not 8-byte aligned (Node's pool).
  const bytes = buffer.byteOffset % 8 === 0 ? buffer : Buffer.from(buffer);
  const arrays: Record<string, unknown> = {};
  for (const entry of entries as ArrayEntry[]) {
    const Type = ARRAYS[entry.name as keyof typeof ARRAYS];
    if (!Type || Type.name !== entry.type)
      throw new Error(`the snapshot's ${entry.name} is not a known array`);
    const at = bytes.byteOffset + start + entry.byteOffset;
    if (at + entry.length * Type.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.length) {
      throw new Error(`the snapshot's ${entry.name} is cut short`);
    }
    arrays[entry.name] = new Type(bytes.buffer as ArrayBuffer, at, entry.length);
  }
  const { arrays: _listed, ...rest } = header;
  return { header: rest, arrays: arrays as unknown as PostingArrays };
}
