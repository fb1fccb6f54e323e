/**
 * Test-only writers for the files the readers take apart, byte for byte as their makers write them:
 * ZIP archives and .xlsx workbooks, then Bluesky repository exports (CARv1 of DAG-CBOR blocks).
 */
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { CidLink, type CborValue } from './car';

/**
 * A ZIP of several deflated entries, written by hand (local headers, central directory, end record).
 * `declaredSizes` makes an entry lie about its inflated size, as a damaged or hostile file would;
 * `zip64` writes sizes and offsets in ZIP64 extra fields and records, as some tools always do;
 * `encrypted` marks entries password-protected (flag bit 0), as an encrypting zip tool does.
 */
export function zipOf(
	files: Record<string, Buffer>,
	declaredSizes: Record<string, number> = {},
	options: { zip64?: boolean; encrypted?: string[] } = {}
): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, content] of Object.entries(files)) {
		const data = deflateRawSync(content);
		const size = declaredSizes[name] ?? content.length;
		const flags = options.encrypted?.includes(name) ? 1 : 0;
		const nameBytes = Buffer.from(name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(flags, 6);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(nameBytes.length, 26);
		const extra = Buffer.alloc(options.zip64 ? 28 : 0);
		if (options.zip64) {
			extra.writeUInt16LE(0x0001, 0);
			extra.writeUInt16LE(24, 2);
			extra.writeBigUInt64LE(BigInt(size), 4);
			extra.writeBigUInt64LE(BigInt(data.length), 12);
			extra.writeBigUInt64LE(BigInt(offset), 20);
		}
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(flags, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(options.zip64 ? 0xffffffff : data.length, 20);
		central.writeUInt32LE(options.zip64 ? 0xffffffff : size, 24);
		central.writeUInt16LE(nameBytes.length, 28);
		central.writeUInt16LE(extra.length, 30);
		central.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42);
		locals.push(local, nameBytes, data);
		centrals.push(central, nameBytes, extra);
		offset += 30 + nameBytes.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const count = Object.keys(files).length;
	const records: Buffer[] = [];
	if (options.zip64) {
		const record = Buffer.alloc(56);
		record.writeUInt32LE(0x06064b50, 0);
		record.writeBigUInt64LE(44n, 4);
		record.writeUInt16LE(45, 12);
		record.writeUInt16LE(45, 14);
		record.writeBigUInt64LE(BigInt(count), 24);
		record.writeBigUInt64LE(BigInt(count), 32);
		record.writeBigUInt64LE(BigInt(directory.length), 40);
		record.writeBigUInt64LE(BigInt(offset), 48);
		const locator = Buffer.alloc(20);
		locator.writeUInt32LE(0x07064b50, 0);
		locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
		locator.writeUInt32LE(1, 16);
		records.push(record, locator);
	}
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(options.zip64 ? 0xffff : count, 8);
	end.writeUInt16LE(options.zip64 ? 0xffff : count, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
	return Buffer.concat([...locals, directory, ...records, end]);
}

/** A minimal .xlsx: each sheet's rows as inline strings (numbers as numbers). */
export function xlsxOf(sheets: Record<string, (string | number)[][]>): Buffer {
	const names = Object.keys(sheets);
	const column = (i: number) => String.fromCharCode(65 + i);
	const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const files: Record<string, Buffer> = {
		'xl/workbook.xml': Buffer.from(
			`<?xml version="1.0"?><workbook xmlns:r="r"><sheets>${names.map((n, i) => `<sheet name="${escape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`
		),
		'xl/_rels/workbook.xml.rels': Buffer.from(
			`<?xml version="1.0"?><Relationships>${names.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`
		)
	};
	names.forEach((name, i) => {
		const rows = sheets[name]!.map(
			(row, r) =>
				`<row r="${r + 1}">${row.map((cell, c) => (typeof cell === 'number' ? `<c r="${column(c)}${r + 1}"><v>${cell}</v></c>` : `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>`)).join('')}</row>`
		);
		files[`xl/worksheets/sheet${i + 1}.xml`] = Buffer.from(
			`<?xml version="1.0"?><worksheet><dimension ref="A1"/><sheetData>${rows.join('')}</sheetData></worksheet>`
		);
	});
	return zipOf(files);
}

// Bluesky repository exports: canonical DAG-CBOR, CIDv1 (dag-cbor, sha2-256), a Merkle Search Tree
// laid out as atproto lays it out, a signed-commit root and a CARv1 file. Checked against published
// MST root CIDs in car.test.ts, so the bytes written are the bytes a PDS would write for the same records.

export interface Block {
	cid: CidLink;
	bytes: Uint8Array;
}

const textEncoder = new TextEncoder();

/** Canonical DAG-CBOR: shortest lengths, map keys sorted by length then bytes, links as tag 42. */
export function encodeDagCbor(value: CborValue): Uint8Array {
	const out: number[] = [];
	write(out, value);
	return Uint8Array.from(out);
}

function write(out: number[], value: CborValue): void {
	if (value === null) out.push(0xf6);
	else if (value === undefined) out.push(0xf7);
	else if (value === false) out.push(0xf4);
	else if (value === true) out.push(0xf5);
	else if (typeof value === 'bigint') head(out, value < 0n ? 1 : 0, value < 0n ? -1n - value : value);
	else if (typeof value === 'number') {
		if (Number.isInteger(value)) head(out, value < 0 ? 1 : 0, value < 0 ? -1 - value : value);
		else {
			const bytes = new Uint8Array(8);
			new DataView(bytes.buffer).setFloat64(0, value);
			out.push(0xfb, ...bytes);
		}
	} else if (typeof value === 'string') bytesOf(out, 3, textEncoder.encode(value));
	else if (value instanceof Uint8Array) bytesOf(out, 2, value);
	else if (value instanceof CidLink) {
		head(out, 6, 42);
		bytesOf(out, 2, Uint8Array.from([0, ...value.bytes]));
	} else if (Array.isArray(value)) {
		head(out, 4, value.length);
		for (const item of value) write(out, item);
	} else {
		const keys = Object.keys(value)
			.map((key) => ({ key, bytes: textEncoder.encode(key) }))
			.sort((a, b) => a.bytes.length - b.bytes.length || Buffer.compare(a.bytes, b.bytes));
		head(out, 5, keys.length);
		for (const { key, bytes } of keys) {
			bytesOf(out, 3, bytes);
			write(out, value[key]);
		}
	}
}

function head(out: number[], major: number, argument: number | bigint): void {
	const n = BigInt(argument);
	if (n < 24n) out.push((major << 5) | Number(n));
	else if (n < 0x100n) out.push((major << 5) | 24, Number(n));
	else if (n < 0x10000n) out.push((major << 5) | 25, Number(n >> 8n), Number(n & 0xffn));
	else if (n < 0x100000000n) out.push((major << 5) | 26, ...bigEndian(n, 4));
	else out.push((major << 5) | 27, ...bigEndian(n, 8));
}

function bigEndian(n: bigint, length: number): number[] {
	return Array.from({ length }, (_, i) => Number((n >> BigInt(8 * (length - 1 - i))) & 0xffn));
}

function bytesOf(out: number[], major: number, bytes: Uint8Array): void {
	head(out, major, bytes.length);
	for (const byte of bytes) out.push(byte);
}

export function sha256(bytes: Uint8Array | string): Uint8Array {
	return new Uint8Array(createHash('sha256').update(bytes).digest());
}

/** CIDv1 of a block: dag-cbor (0x71) unless told, sha2-256. */
export function cidOf(bytes: Uint8Array, codec = 0x71): CidLink {
	return new CidLink(Uint8Array.from([0x01, codec, 0x12, 0x20, ...sha256(bytes)]));
}

export function blockOf(value: CborValue): Block {
	const bytes = encodeDagCbor(value);
	return { cid: cidOf(bytes), bytes };
}

/** Parses the "b…" base32 text form of a CIDv1. */
export function parseCid(text: string): CidLink {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	const bytes: number[] = [];
	let value = 0;
	let bits = 0;
	for (const char of text.slice(1)) {
		value = ((value << 5) | alphabet.indexOf(char)) & 0xfff;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			bytes.push((value >> bits) & 0xff);
		}
	}
	return new CidLink(Uint8Array.from(bytes));
}

export function hex(bytes: Uint8Array): string {
	return Buffer.from(bytes).toString('hex');
}

export function fromHex(text: string): Uint8Array {
	return new Uint8Array(Buffer.from(text, 'hex'));
}

export function encodeVarint(value: number): number[] {
	const out: number[] = [];
	for (; value >= 0x80; value = Math.floor(value / 0x80)) out.push((value % 0x80) | 0x80);
	out.push(value);
	return out;
}

/** CARv1: varint-framed header {version: 1, roots}, then varint-framed CID + bytes for each block. */
export function encodeCar(roots: CidLink[], blocks: Block[], header: CborValue = { version: 1, roots }): Uint8Array {
	const parts: number[][] = [];
	const headerBytes = encodeDagCbor(header);
	parts.push(encodeVarint(headerBytes.length), [...headerBytes]);
	for (const { cid, bytes } of blocks)
		parts.push(encodeVarint(cid.bytes.length + bytes.length), [...cid.bytes], [...bytes]);
	return Uint8Array.from(parts.flat());
}

/** The MST layer of a key: leading zero bits of sha256(key), counted in pairs (fanout about 4). */
export function mstLayer(key: string): number {
	let zeros = 0;
	for (const byte of sha256(key)) {
		if (byte < 64) zeros += 1;
		if (byte < 16) zeros += 1;
		if (byte < 4) zeros += 1;
		if (byte !== 0) break;
		zeros += 1;
	}
	return zeros;
}

export interface MstNodeBlock extends Block {
	/** every key in this node's subtree, for tests that drop the node */
	keys: string[];
	layer: number;
}

/**
 * Lays out sorted, unique keys as atproto does: a node at layer L holds the keys of layer L;
 * each run of lower keys between them becomes a subtree one layer down (a node with only a left
 * link when that run has no key of layer L-1). The top is the highest key layer, 0 when empty.
 */
export function buildMst(entries: ReadonlyArray<readonly [string, CidLink]>): { root: CidLink; nodes: MstNodeBlock[] } {
	const items = entries.map(([key, value]) => ({ key, value, layer: mstLayer(key) }));
	const nodes: MstNodeBlock[] = [];
	const top = Math.max(0, ...items.map((item) => item.layer));
	const build = (run: typeof items, layer: number): CidLink => {
		const node: { l: CidLink | null; e: { p: number; k: Uint8Array; v: CidLink; t: CidLink | null }[] } = {
			l: null,
			e: []
		};
		const index = nodes.length;
		nodes.push({
			cid: new CidLink(new Uint8Array()),
			bytes: new Uint8Array(),
			keys: run.map((item) => item.key),
			layer
		});
		let below: typeof items = [];
		let previous = '';
		const attach = () => {
			const subtree = below.length > 0 ? build(below, layer - 1) : null;
			const last = node.e.at(-1);
			if (last) last.t = subtree;
			else node.l = subtree;
			below = [];
		};
		for (const item of run) {
			if (item.layer < layer) {
				below.push(item);
				continue;
			}
			attach();
			let p = 0;
			while (p < previous.length && previous[p] === item.key[p]) p += 1;
			node.e.push({ p, k: textEncoder.encode(item.key.slice(p)), v: item.value, t: null });
			previous = item.key;
		}
		attach();
		const block = blockOf(node);
		nodes[index] = { ...nodes[index]!, ...block };
		return block.cid;
	};
	return { root: build(items, top), nodes };
}

export interface RepoRecord {
	collection: string;
	rkey: string;
	value: CborValue;
}

export interface BuiltRepo {
	commit: Block;
	mst: { root: CidLink; nodes: MstNodeBlock[] };
	/** record blocks by "<collection>/<rkey>" */
	records: Map<string, Block>;
	/** commit, then tree nodes from the top down, then records: the order a PDS streams them */
	blocks: Block[];
	car: Uint8Array;
}

/** A whole repository export: records → MST → commit {did, version 3, data, rev, prev, sig} → CAR. */
export function buildRepo(did: string, rev: string, records: RepoRecord[]): BuiltRepo {
	const byKey = new Map<string, Block>();
	for (const record of records) byKey.set(`${record.collection}/${record.rkey}`, blockOf(record.value));
	const keys = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const mst = buildMst(keys.map((key) => [key, byKey.get(key)!.cid] as const));
	const commit = blockOf({ did, version: 3, data: mst.root, rev, prev: null, sig: new Uint8Array(64).fill(7) });
	const seen = new Set<string>();
	const blocks = [commit, ...mst.nodes, ...byKey.values()].filter(
		(block) => !seen.has(block.cid.text) && seen.add(block.cid.text)
	);
	return { commit, mst, records: byKey, blocks, car: encodeCar([commit.cid], blocks) };
}

const SORTABLE_BASE32 = '234567abcdefghijklmnopqrstuvwxyz';

/** A TID record key for a time in microseconds and a clock id. */
export function tidFor(microseconds: number, clockId: number): string {
	let value = (BigInt(microseconds) << 10n) | BigInt(clockId);
	let text = '';
	for (let i = 0; i < 13; i += 1, value >>= 5n) text = SORTABLE_BASE32[Number(value & 31n)] + text;
	return text;
}

/** Small seeded generator (mulberry32), so "random" tests fail the same way every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
