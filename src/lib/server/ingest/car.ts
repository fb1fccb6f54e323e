/**
 * Reads a Bluesky repository export: repo.car from Settings → "Export my data", or
 * com.atproto.sync.getRepo. The file is a CARv1 archive of DAG-CBOR blocks; its root block is the
 * signed commit, whose `data` link is the top of a Merkle Search Tree mapping "<collection>/<rkey>"
 * to record blocks. Specs: ipld.io/specs/transport/car/carv1, ipld.io/specs/codecs/dag-cbor/spec,
 * atproto.com/specs/repository, atproto.com/specs/tid.
 */

export interface BlueskyPost {
	/** at://<did>/app.bsky.feed.post/<rkey> */
	uri: string;
	rkey: string;
	did: string;
	/** as written in the record (ISO 8601, any precision or offset) */
	createdAt: string;
	text: string;
	langs: string[];
	/** the parent post's uri */
	replyTo: string | null;
	isReply: boolean;
	hasEmbed: boolean;
	/** ISO time from the TID rkey; null when the rkey is not a TID */
	tidTimestamp: string | null;
}

export interface BlueskyRepo {
	did: string;
	/** the commit's revision (a TID): the same rev means the same snapshot of the account */
	rev: string | null;
	/** in record-key order, which for TID keys is the order they were created */
	posts: BlueskyPost[];
	/** records per collection, e.g. app.bsky.feed.like */
	counts: Record<string, number>;
	/** tree nodes or post records the file points to but does not hold (a partial export) */
	missingBlocks: number;
	/** what was skipped and why, worded for people; the rest of the file was read */
	warnings: string[];
}

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
const latin1 = new TextDecoder('latin1');

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
		this.#text ??= this.bytes.length === 34 && this.bytes[0] === 0x12 ? base58btc(this.bytes) : `b${base32(this.bytes)}`;
		return this.#text;
	}
	toString(): string {
		return this.text;
	}
}

export type CborValue = null | undefined | boolean | number | bigint | string | Uint8Array | CidLink | CborValue[] | CborMap;
export interface CborMap {
	[key: string]: CborValue;
}

const POST = 'app.bsky.feed.post';
const AGAIN = 'Export it again from Bluesky (Settings → "Export my data") and upload the new repo.car.';
const NOT_A_REPO = 'This is not a Bluesky repository export (repo.car)';
/** A real header is about 60 bytes: a version and one root. */
const MAX_HEADER_BYTES = 64 * 1024;
/** Records are capped near 1 MB by the protocol; anything far larger is a damaged length. */
const MAX_BLOCK_BYTES = 16 * 1024 * 1024;
const MAX_NESTING = 128;
const MAX_WARNINGS = 20;
const RECORD_KEY = /^([a-zA-Z0-9_~:.-]+)\/([a-zA-Z0-9_~:.-]+)$/;
/** atproto's limit; without one, keys that each extend the last would make the walk quadratic. */
const MAX_KEY_LENGTH = 1024;

/** A low-level format problem, worded as a fragment; readBlueskyCar turns it into a sentence for people. */
class Malformed extends CarError {
	constructor(
		message: string,
		readonly truncated = false
	) {
		super(message);
	}
}

export function readBlueskyCar(bytes: Uint8Array): BlueskyRepo {
	const { root, blocks } = readCarBlocks(bytes);
	const commit = readCommit(bytes, root, blocks);
	const counts = new Map<string, number>();
	const repo: BlueskyRepo = { did: commit.did, rev: commit.rev, posts: [], counts: {}, missingBlocks: 0, warnings: [] };
	let skipped = 0;
	const warn = (message: string) => {
		if (repo.warnings.length < MAX_WARNINGS) repo.warnings.push(message);
		else skipped += 1;
	};
	// Tree entries may share a record block; each is decoded once, so sharing cannot multiply the work.
	const records = new Map<string, CborValue | Malformed>();
	let previousKey = '';
	let inOrder = true;
	walkTree(bytes, blocks, commit.data, repo, warn, (key, record) => {
		const parts = RECORD_KEY.exec(key);
		if (!parts) return warn(`A record with the unreadable key "${key.slice(0, 80)}" was skipped.`);
		if (key <= previousKey && inOrder) warn('Records are out of order in this export, so it may be damaged; they were read anyway.');
		inOrder &&= key > previousKey;
		previousKey = key;
		const [, collection = '', rkey = ''] = parts;
		counts.set(collection, (counts.get(collection) ?? 0) + 1);
		if (collection !== POST) return;
		const block = blocks.get(record.key);
		if (!block) {
			repo.missingBlocks += 1;
			return;
		}
		if (!records.has(record.key)) records.set(record.key, decodeRecord(block));
		const value = records.get(record.key);
		if (value instanceof Malformed) return warn(`Post ${rkey} was skipped: its record is damaged (${value.message}).`);
		const post = toPost(commit.did, rkey, value);
		if (typeof post === 'string') warn(`Post ${rkey} was skipped: ${post}.`);
		else repo.posts.push(post);
	});
	repo.counts = Object.fromEntries(counts);
	const missing = repo.missingBlocks === 1 ? '1 part of this export is missing' : `${repo.missingBlocks} parts of this export are missing`;
	if (repo.missingBlocks > 0) repo.warnings.unshift(`${missing}, so some records could not be read. If it should be complete, ${AGAIN}`);
	if (skipped > 0) repo.warnings.push(`…and ${skipped} more problems like these.`);
	return repo;
}

function decodeRecord(block: Uint8Array): CborValue | Malformed {
	try {
		return decodeDagCbor(block);
	} catch (error) {
		if (error instanceof Malformed) return error;
		throw error;
	}
}

/** The CAR's first root and its blocks by CidLink.key; each block is a view into `bytes`. Throws CarError. */
export function readCarBlocks(bytes: Uint8Array): { root: CidLink; blocks: Map<string, Uint8Array> } {
	if (bytes.length === 0) throw new CarError(`${NOT_A_REPO}: the file is empty. ${AGAIN}`);
	let header: CborValue;
	let offset: number;
	try {
		const [length, start] = readVarint(bytes, 0);
		if (length === 0 || length > MAX_HEADER_BYTES || start + length > bytes.length) throw new Malformed('it does not start with a CAR header');
		header = decodeDagCbor(bytes.subarray(start, start + length));
		offset = start + length;
	} catch (error) {
		if (error instanceof Malformed) throw new CarError(`${NOT_A_REPO}: it does not start with a CAR archive header. ${AGAIN}`);
		throw error;
	}
	if (!isMap(header) || header.version !== 1) {
		const kind = isMap(header) && header.version === 2 ? 'it is a CARv2 archive, and Bluesky exports are CARv1' : 'its header is not a CARv1 header';
		throw new CarError(`${NOT_A_REPO}: ${kind}. ${AGAIN}`);
	}
	const root = Array.isArray(header.roots) ? header.roots[0] : undefined;
	if (!(root instanceof CidLink)) throw new CarError(`${NOT_A_REPO}: its header names no root commit. ${AGAIN}`);
	const blocks = new Map<string, Uint8Array>();
	while (offset < bytes.length) {
		const sectionStart = offset;
		try {
			const [length, start] = readVarint(bytes, offset);
			if (length === 0 || length > MAX_BLOCK_BYTES) throw new Malformed(`a block claims an impossible size (${length} bytes)`);
			const end = start + length;
			if (end > bytes.length) throw new Malformed('a block is cut off', true);
			if (bytes[start] === 0x12 && bytes[start + 1] === 0x20) {
				throw new CarError(`${NOT_A_REPO}: it uses old IPFS (CIDv0) block addresses, which Bluesky exports never use. ${AGAIN}`);
			}
			const [cid, dataStart] = readCid(bytes, start, end);
			if (!blocks.has(cid.key)) blocks.set(cid.key, bytes.subarray(dataStart, end));
			offset = end;
		} catch (error) {
			if (!(error instanceof Malformed)) throw error;
			if (error.truncated) throw new CarError(`The Bluesky export ends part-way through a block (byte ${sectionStart} of ${bytes.length}): the download was probably cut short. ${AGAIN}`);
			throw new CarError(`The Bluesky export is damaged at byte ${sectionStart}: ${error.message}. ${AGAIN}`);
		}
	}
	return { root, blocks };
}

function readCommit(file: Uint8Array, root: CidLink, blocks: Map<string, Uint8Array>) {
	const block = blocks.get(root.key);
	if (!block) throw new CarError(`The Bluesky export is incomplete: it does not contain its root commit. ${AGAIN}`);
	const commit = decodeBlock(file, block, 'its root commit');
	if (!isMap(commit) || typeof commit.did !== 'string' || !commit.did.startsWith('did:') || !(commit.data instanceof CidLink)) {
		throw new CarError(`${NOT_A_REPO}: its root is not a signed repository commit. ${AGAIN}`);
	}
	if (commit.version !== 3 && commit.version !== 2) {
		throw new CarError(`This Bluesky export uses repository format version ${shown(commit.version)}, which Lantern cannot read yet.`);
	}
	return { did: commit.did, rev: typeof commit.rev === 'string' ? commit.rev : null, data: commit.data };
}

type Step = { node: CidLink } | { key: string; record: CidLink };

/** In-order walk of the Merkle Search Tree, with an explicit stack so depth costs no call stack. */
function walkTree(file: Uint8Array, blocks: Map<string, Uint8Array>, root: CidLink, repo: BlueskyRepo, warn: (message: string) => void, visit: (key: string, record: CidLink) => void) {
	const stack: Step[] = [{ node: root }];
	// Every node is read at most once, so links that loop back cannot keep the walk going.
	const seen = new Set<string>();
	while (stack.length > 0) {
		const step = stack.pop()!;
		if ('key' in step) {
			visit(step.key, step.record);
			continue;
		}
		if (seen.has(step.node.key)) {
			warn('This export links to the same part of its record tree twice, so it may be damaged; that part was read once.');
			continue;
		}
		seen.add(step.node.key);
		const block = blocks.get(step.node.key);
		if (!block) {
			repo.missingBlocks += 1;
			continue;
		}
		const steps = nodeSteps(decodeBlock(file, block, 'a record-tree node'));
		if (typeof steps === 'string') throw new CarError(`The Bluesky export is damaged at byte ${block.byteOffset - file.byteOffset}: ${steps}. ${AGAIN}`);
		for (let i = steps.length - 1; i >= 0; i -= 1) stack.push(steps[i]!);
	}
}

/** A node's left subtree, then each entry and its right subtree; keys are prefix-compressed within the node. */
function nodeSteps(node: CborValue): Step[] | string {
	if (!isMap(node) || !Array.isArray(node.e)) return 'a record-tree node has no entries';
	const steps: Step[] = [];
	if (node.l instanceof CidLink) steps.push({ node: node.l });
	else if (node.l != null) return 'a record-tree node has a broken link';
	let previous = '';
	for (const entry of node.e) {
		if (!isMap(entry) || typeof entry.p !== 'number' || !(entry.k instanceof Uint8Array) || !(entry.v instanceof CidLink)) return 'a record-tree entry is incomplete';
		if (!Number.isInteger(entry.p) || entry.p < 0 || entry.p > previous.length) return 'a record-tree key is built from a neighbour it does not match';
		if (entry.p + entry.k.length > MAX_KEY_LENGTH) return `a record-tree key is longer than ${MAX_KEY_LENGTH} characters`;
		const key = previous.slice(0, entry.p) + latin1.decode(entry.k);
		steps.push({ key, record: entry.v });
		if (entry.t instanceof CidLink) steps.push({ node: entry.t });
		else if (entry.t != null) return 'a record-tree entry has a broken link';
		previous = key;
	}
	return steps;
}

function decodeBlock(file: Uint8Array, block: Uint8Array, what: string): CborValue {
	try {
		return decodeDagCbor(block);
	} catch (error) {
		if (!(error instanceof Malformed)) throw error;
		throw new CarError(`The Bluesky export is damaged at byte ${block.byteOffset - file.byteOffset}: ${what} cannot be read (${error.message}). ${AGAIN}`);
	}
}

/** A post record, or why it was skipped. Fields are normalised one by one, never trusted whole. */
function toPost(did: string, rkey: string, record: CborValue): BlueskyPost | string {
	if (!isMap(record)) return 'its record is not an object';
	if (record.$type !== undefined && record.$type !== POST) return `its record has the type ${shown(record.$type)}`;
	if (typeof record.createdAt !== 'string') return 'it has no createdAt time';
	const reply = isMap(record.reply) ? record.reply : null;
	const parent = reply && isMap(reply.parent) ? reply.parent : null;
	return {
		uri: `at://${did}/${POST}/${rkey}`,
		rkey,
		did,
		createdAt: record.createdAt,
		text: typeof record.text === 'string' ? record.text : '',
		langs: Array.isArray(record.langs) ? record.langs.filter((lang): lang is string => typeof lang === 'string') : [],
		replyTo: parent && typeof parent.uri === 'string' ? parent.uri : null,
		isReply: reply !== null,
		hasEmbed: isMap(record.embed),
		tidTimestamp: tidToDate(rkey)?.toISOString() ?? null
	};
}

/** A value for a message; String() could run a "toString" key from the file. */
function shown(value: CborValue): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 80) : typeof value;
}

function isMap(value: CborValue): value is CborMap {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof CidLink);
}

const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const SORTABLE_BASE32 = '234567abcdefghijklmnopqrstuvwxyz';

/** A TID record key: 1 zero bit, 53 bits of microseconds since 1970, a 10-bit clock id. */
export function parseTid(rkey: string): { microseconds: number; clockId: number } | null {
	if (!TID.test(rkey)) return null;
	let value = 0n;
	for (const char of rkey) value = (value << 5n) | BigInt(SORTABLE_BASE32.indexOf(char));
	if (value >> 63n) return null;
	return { microseconds: Number(value >> 10n), clockId: Number(value & 0x3ffn) };
}

export function tidToDate(rkey: string): Date | null {
	const tid = parseTid(rkey);
	return tid ? new Date(Math.floor(tid.microseconds / 1000)) : null;
}

/** Unsigned LEB128, as CAR lengths and CID fields use; [value, offset after it]. */
function readVarint(bytes: Uint8Array, offset: number, end = bytes.length): [number, number] {
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
function readCid(bytes: Uint8Array, offset: number, end: number): [CidLink, number] {
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
				return typeof argument === 'number' && argument < Number.MAX_SAFE_INTEGER ? -1 - argument : narrow(-1n - BigInt(argument));
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
					if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
					else map[key] = value;
				}
				return map;
			}
			default: {
				const inner = this.item(depth + 1);
				if (argument !== 42) return inner;
				if (!(inner instanceof Uint8Array) || inner[0] !== 0) throw new Malformed('a link (tag 42) does not hold a CID');
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
		throw new Malformed(info === 31 ? 'a value uses indefinite length, which DAG-CBOR forbids' : 'a value has a reserved type byte');
	}

	private argument(info: number): number | bigint {
		if (info < 24) return info;
		if (info === 24) return this.bytes[this.need(1)]!;
		if (info === 25) return this.view.getUint16(this.need(2));
		if (info === 26) return this.view.getUint32(this.need(4));
		if (info === 27) return narrow(this.view.getBigUint64(this.need(8)));
		throw new Malformed(info === 31 ? 'a value uses indefinite length, which DAG-CBOR forbids' : 'a value has a reserved length byte');
	}

	/** A length or count, refused when the block could not hold that many bytes or items. */
	private length(argument: number | bigint, minimumBytesEach: number): number {
		if (typeof argument === 'bigint' || argument * minimumBytesEach > this.bytes.length - this.offset) throw new Malformed('a value claims more bytes than its block holds');
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
	return zeros + digits.reverse().map((digit) => BASE58[digit]).join('');
}
