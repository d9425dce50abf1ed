import { ARRAYS, type PostingArrays } from "../search/passage-index.ts";

/**
 * The snapshot container: a JSON header followed by the index's typed arrays as raw bytes, so that
 * loading maps them without parsing or copying (a JSON snapshot of a 10,000-article corpus spent
 * most of its load time decoding base64).
 *
 *   bytes 0-7   "SDSNAP01"
 *   bytes 8-11  header length n (uint32, little-endian)
 *   bytes 12..  header (UTF-8 JSON), then zero padding to a multiple of 8
 *   then        each array's bytes, in the order the header lists them, each padded to 8
 */
const MAGIC = "SDSNAP01";

interface ArrayEntry {
  readonly name: string;
  readonly type: string;
  readonly byteOffset: number;
  readonly length: number;
}

const align = (n: number) => Math.ceil(n / 8) * 8;

/** Whether bytes start like a container. */
export function isContainer(bytes: Buffer): boolean {
  return bytes.length >= 12 && bytes.toString("latin1", 0, 8) === MAGIC;
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
  const start = align(12 + json.length);
  const buffer = Buffer.alloc(start + offset);
  buffer.write(MAGIC, 0, "latin1");
  buffer.writeUInt32LE(json.length, 8);
  json.copy(buffer, 12);
  entries.forEach((entry) => {
    const array = arrays[entry.name as keyof PostingArrays];
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(buffer, start + entry.byteOffset);
  });
  return buffer;
}

/**
 * Reads a container: its header, and its arrays as views on the buffer. Throws when the bytes are
 * not a container or an array lies outside them.
 */
export function decodeContainer(buffer: Buffer): { header: Record<string, unknown>; arrays: PostingArrays } {
  if (!isContainer(buffer)) throw new Error("not a storydesk snapshot");
  const length = buffer.readUInt32LE(8);
  if (12 + length > buffer.length) throw new Error("the snapshot's header is cut short");
  const header = JSON.parse(buffer.toString("utf8", 12, 12 + length)) as Record<string, unknown>;
  const entries = header.arrays;
  if (!Array.isArray(entries)) throw new Error("the snapshot lists no arrays");
  const start = align(12 + length);
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
