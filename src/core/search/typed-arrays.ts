/** Typed arrays in JSON: base64 of their bytes, tagged with their type. */

type Typed = Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array | Int32Array;
const TYPES = { Uint32Array, Uint16Array, Uint8Array, Float32Array, Float64Array, Int32Array } as const;
type TypeName = keyof typeof TYPES;

export interface EncodedArray {
  readonly type: TypeName;
  readonly base64: string;
}

export function encodeArray(array: Typed): EncodedArray {
  return {
    type: array.constructor.name as TypeName,
    base64: Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64"),
  };
}

export function decodeArray<T extends Typed>(
  encoded: EncodedArray,
  expected: new (buffer: ArrayBuffer) => T,
): T {
  const Type = TYPES[encoded.type] as unknown;
  if (Type !== expected) throw new Error(`expected ${expected.name}, found ${encoded.type}`);
  const bytes = Buffer.from(encoded.base64, "base64");
  // Copy into a fresh, aligned buffer: Buffer's pool does not align to 4 bytes.
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return new expected(buffer);
}
