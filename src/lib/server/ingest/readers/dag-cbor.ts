/**
 * The byte-level layer under the Bluesky reader (car.ts): unsigned varints, CIDs, and a DAG-CBOR
 * decoder that refuses what DAG-CBOR forbids (indefinite lengths, deep nesting) with a CarError.
 * Spec: ipld.io/specs/codecs/dag-cbor/spec, multiformats CID and varint.
 */

/** A file Lantern cannot read as a Bluesky export; the message says why and what to do. */
export class CarError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CarError';
	}
}

/** Keeps a leading U+FEFF in post text instead of dropping it as a byte-order mark. */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
/** One char per byte, so string lengths are byte counts (MST key prefixes count bytes). */
export const latin1 = new TextDecoder('latin1');

/** A DAG-CBOR link (tag 42): the bytes of a CID, with its usual text form made on demand. */
export class CidLink {
	/** the bytes as a string, one char per byte: a cheap exact key for maps */
	readonly key: string;
	#text: string | undefined;
	constructor(readonly bytes: Uint8Array) {
		this.key = latin1.decode(bytes);
	}
	/** "b…" (base32) for CIDv1, "Qm…" (base58btc) for CIDv0 */
	get text(): string {
		this.#text ??=
			this.bytes.length === 34 && this.bytes[0] === 0x12 ? base58btc(this.bytes) : `b${base32(this.bytes)}`;
		return this.#text;
	}
	toString(): string {
		return this.text;
	}
}

export type CborValue =
	null | undefined | boolean | number | bigint | string | Uint8Array | CidLink | CborValue[] | CborMap;
export interface CborMap {
	[key: string]: CborValue;
}

const MAX_NESTING = 128;

/** A low-level format problem, worded as a fragment; readBlueskyCar turns it into a sentence for people. */
export class Malformed extends CarError {
	constructor(
		message: string,
		readonly truncated = false
	) {
		super(message);
	}
}

/** Unsigned LEB128, as CAR lengths and CID fields use; [value, offset after it]. */
export function readVarint(bytes: Uint8Array, offset: number, end = bytes.length): [number, number] {
	let value = 0;
	for (let i = 0; i < 8; i += 1) {
		if (offset + i >= end) throw new Malformed('a length is cut off', end === bytes.length);
		const byte = bytes[offset + i]!;
		value += (byte & 0x7f) * 2 ** (7 * i);
		if (value > Number.MAX_SAFE_INTEGER) break;
		if (byte < 0x80) return [value, offset + i + 1];
	}
	throw new Malformed('a length is impossibly large');
}

/** A binary CID (v1: version, codec, multihash; v0: a bare sha2-256 multihash); [cid, offset after it]. */
export function readCid(bytes: Uint8Array, offset: number, end: number): [CidLink, number] {
	if (bytes[offset] === 0x12 && bytes[offset + 1] === 0x20) {
		if (offset + 34 > end) throw new Malformed('a block address is cut off');
		return [new CidLink(bytes.subarray(offset, offset + 34)), offset + 34];
	}
	const [version, afterVersion] = readVarint(bytes, offset, end);
	if (version !== 1) throw new Malformed(`a block address has CID version ${version}`);
	const [, afterCodec] = readVarint(bytes, afterVersion, end);
	const [, afterHashCode] = readVarint(bytes, afterCodec, end);
	const [digestLength, digestStart] = readVarint(bytes, afterHashCode, end);
	if (digestStart + digestLength > end) throw new Malformed('a block address is cut off');
	return [new CidLink(bytes.subarray(offset, digestStart + digestLength)), digestStart + digestLength];
}

/** One DAG-CBOR block. Tag 42 becomes a CidLink; 64-bit integers stay numbers while safe. Throws CarError. */
export function decodeDagCbor(bytes: Uint8Array): CborValue {
	const reader = new CborReader(bytes);
	const value = reader.item(0);
	if (reader.offset !== bytes.length) throw new Malformed('a block has bytes after its value');
	return value;
}

class CborReader {
	offset = 0;
	private readonly view: DataView;
	constructor(private readonly bytes: Uint8Array) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	item(depth: number): CborValue {
		if (depth > MAX_NESTING) throw new Malformed(`a value nests more than ${MAX_NESTING} levels deep`);
		const initial = this.bytes[this.need(1)]!;
		const major = initial >> 5;
		const info = initial & 0x1f;
		if (major === 7) return this.simple(info);
		const argument = this.argument(info);
		switch (major) {
			case 0:
				return argument;
			case 1:
				return typeof argument === 'number' && argument < Number.MAX_SAFE_INTEGER
					? -1 - argument
					: narrow(-1n - BigInt(argument));
			case 2:
				return this.take(this.length(argument, 1));
			case 3:
				return utf8.decode(this.take(this.length(argument, 1)));
			case 4: {
				const items: CborValue[] = [];
				for (let i = this.length(argument, 1); i > 0; i -= 1) items.push(this.item(depth + 1));
				return items;
			}
			case 5: {
				const map: CborMap = {};
				for (let i = this.length(argument, 2); i > 0; i -= 1) {
					const key = this.item(depth + 1);
					if (typeof key !== 'string') throw new Malformed('a map key is not text');
					const value = this.item(depth + 1);
					// A "__proto__" key must become data, not the object's prototype.
					if (key === '__proto__')
						Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
					else map[key] = value;
				}
				return map;
			}
			default: {
				const inner = this.item(depth + 1);
				if (argument !== 42) return inner;
				if (!(inner instanceof Uint8Array) || inner[0] !== 0)
					throw new Malformed('a link (tag 42) does not hold a CID');
				const [cid, end] = readCid(inner, 1, inner.length);
				if (end !== inner.length) throw new Malformed('a link (tag 42) has bytes after its CID');
				return cid;
			}
		}
	}

	private simple(info: number): CborValue {
		if (info === 20) return false;
		if (info === 21) return true;
		if (info === 22) return null;
		if (info === 25) return halfFloat(this.view.getUint16(this.need(2)));
		if (info === 26) return this.view.getFloat32(this.need(4));
		if (info === 27) return this.view.getFloat64(this.need(8));
		if (info === 24) this.need(1);
		if (info < 25) return undefined;
		throw new Malformed(
			info === 31 ? 'a value uses indefinite length, which DAG-CBOR forbids' : 'a value has a reserved type byte'
		);
	}

	private argument(info: number): number | bigint {
		if (info < 24) return info;
		if (info === 24) return this.bytes[this.need(1)]!;
		if (info === 25) return this.view.getUint16(this.need(2));
		if (info === 26) return this.view.getUint32(this.need(4));
		if (info === 27) return narrow(this.view.getBigUint64(this.need(8)));
		throw new Malformed(
			info === 31 ? 'a value uses indefinite length, which DAG-CBOR forbids' : 'a value has a reserved length byte'
		);
	}

	/** A length or count, refused when the block could not hold that many bytes or items. */
	private length(argument: number | bigint, minimumBytesEach: number): number {
		if (typeof argument === 'bigint' || argument * minimumBytesEach > this.bytes.length - this.offset)
			throw new Malformed('a value claims more bytes than its block holds');
		return argument;
	}

	private take(length: number): Uint8Array {
		const start = this.need(length);
		return this.bytes.subarray(start, start + length);
	}

	/** Claims `count` bytes and returns where they start. */
	private need(count: number): number {
		const start = this.offset;
		if (start + count > this.bytes.length) throw new Malformed('a block ends part-way through a value');
		this.offset += count;
		return start;
	}
}

function narrow(value: bigint): number | bigint {
	return value >= -BigInt(Number.MAX_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function halfFloat(bits: number): number {
	const sign = bits & 0x8000 ? -1 : 1;
	const exponent = (bits >> 10) & 0x1f;
	const fraction = bits & 0x3ff;
	if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
	if (exponent === 31) return fraction ? NaN : sign * Infinity;
	return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** RFC 4648 base32, lower case, unpadded: the "b…" form of CIDv1. */
function base32(bytes: Uint8Array): string {
	let text = '';
	let bits = 0;
	let value = 0;
	for (const byte of bytes) {
		value = ((value << 8) | byte) & 0xfff;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			text += BASE32[(value >> bits) & 31];
		}
	}
	return bits > 0 ? text + BASE32[(value << (5 - bits)) & 31] : text;
}

/** Base58btc: the "Qm…" form of CIDv0, which may appear inside records. */
function base58btc(bytes: Uint8Array): string {
	const digits: number[] = [];
	for (const byte of bytes) {
		let carry = byte;
		for (let i = 0; i < digits.length; i += 1) {
			carry += digits[i]! * 256;
			digits[i] = carry % 58;
			carry = Math.floor(carry / 58);
		}
		for (; carry > 0; carry = Math.floor(carry / 58)) digits.push(carry % 58);
	}
	let zeros = '';
	for (let i = 0; i < bytes.length && bytes[i] === 0; i += 1) zeros += '1';
	return (
		zeros +
		digits
			.reverse()
			.map((digit) => BASE58[digit])
			.join('')
	);
}
