/**
 * Reads a Bluesky repository export: repo.car from Settings → "Export my data", or
 * com.atproto.sync.getRepo. The file is a CARv1 archive of DAG-CBOR blocks; its root block is the
 * signed commit, whose `data` link is the top of a Merkle Search Tree mapping "<collection>/<rkey>"
 * to record blocks. Specs: ipld.io/specs/transport/car/carv1, ipld.io/specs/codecs/dag-cbor/spec,
 * atproto.com/specs/repository, atproto.com/specs/tid.
 */
import {
	CarError,
	CidLink,
	decodeDagCbor,
	latin1,
	Malformed,
	readCid,
	readVarint,
	type CborMap,
	type CborValue
} from './dag-cbor';

export { CarError, CidLink, decodeDagCbor, type CborMap, type CborValue };

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

const POST = 'app.bsky.feed.post';
const AGAIN = 'Export it again from Bluesky (Settings → "Export my data") and upload the new repo.car.';
const NOT_A_REPO = 'This is not a Bluesky repository export (repo.car)';
/** A real header is about 60 bytes: a version and one root. */
const MAX_HEADER_BYTES = 64 * 1024;
/** Records are capped near 1 MB by the protocol; anything far larger is a damaged length. */
const MAX_BLOCK_BYTES = 16 * 1024 * 1024;
const MAX_WARNINGS = 20;
const RECORD_KEY = /^([a-zA-Z0-9_~:.-]+)\/([a-zA-Z0-9_~:.-]+)$/;
/** atproto's limit; without one, keys that each extend the last would make the walk quadratic. */
const MAX_KEY_LENGTH = 1024;

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
		if (key <= previousKey && inOrder)
			warn('Records are out of order in this export, so it may be damaged; they were read anyway.');
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
	const missing =
		repo.missingBlocks === 1
			? '1 part of this export is missing'
			: `${repo.missingBlocks} parts of this export are missing`;
	if (repo.missingBlocks > 0)
		repo.warnings.unshift(`${missing}, so some records could not be read. If it should be complete, ${AGAIN}`);
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
		if (length === 0 || length > MAX_HEADER_BYTES || start + length > bytes.length)
			throw new Malformed('it does not start with a CAR header');
		header = decodeDagCbor(bytes.subarray(start, start + length));
		offset = start + length;
	} catch (error) {
		if (error instanceof Malformed)
			throw new CarError(`${NOT_A_REPO}: it does not start with a CAR archive header. ${AGAIN}`);
		throw error;
	}
	if (!isMap(header) || header.version !== 1) {
		const kind =
			isMap(header) && header.version === 2
				? 'it is a CARv2 archive, and Bluesky exports are CARv1'
				: 'its header is not a CARv1 header';
		throw new CarError(`${NOT_A_REPO}: ${kind}. ${AGAIN}`);
	}
	const root = Array.isArray(header.roots) ? header.roots[0] : undefined;
	if (!(root instanceof CidLink)) throw new CarError(`${NOT_A_REPO}: its header names no root commit. ${AGAIN}`);
	const blocks = new Map<string, Uint8Array>();
	while (offset < bytes.length) {
		const sectionStart = offset;
		try {
			const [length, start] = readVarint(bytes, offset);
			if (length === 0 || length > MAX_BLOCK_BYTES)
				throw new Malformed(`a block claims an impossible size (${length} bytes)`);
			const end = start + length;
			if (end > bytes.length) throw new Malformed('a block is cut off', true);
			if (bytes[start] === 0x12 && bytes[start + 1] === 0x20) {
				throw new CarError(
					`${NOT_A_REPO}: it uses old IPFS (CIDv0) block addresses, which Bluesky exports never use. ${AGAIN}`
				);
			}
			const [cid, dataStart] = readCid(bytes, start, end);
			if (!blocks.has(cid.key)) blocks.set(cid.key, bytes.subarray(dataStart, end));
			offset = end;
		} catch (error) {
			if (!(error instanceof Malformed)) throw error;
			if (error.truncated)
				throw new CarError(
					`The Bluesky export ends part-way through a block (byte ${sectionStart} of ${bytes.length}): the download was probably cut short. ${AGAIN}`
				);
			throw new CarError(`The Bluesky export is damaged at byte ${sectionStart}: ${error.message}. ${AGAIN}`);
		}
	}
	return { root, blocks };
}

function readCommit(file: Uint8Array, root: CidLink, blocks: Map<string, Uint8Array>) {
	const block = blocks.get(root.key);
	if (!block) throw new CarError(`The Bluesky export is incomplete: it does not contain its root commit. ${AGAIN}`);
	const commit = decodeBlock(file, block, 'its root commit');
	if (
		!isMap(commit) ||
		typeof commit.did !== 'string' ||
		!commit.did.startsWith('did:') ||
		!(commit.data instanceof CidLink)
	) {
		throw new CarError(`${NOT_A_REPO}: its root is not a signed repository commit. ${AGAIN}`);
	}
	if (commit.version !== 3 && commit.version !== 2) {
		throw new CarError(
			`This Bluesky export uses repository format version ${shown(commit.version)}, which Lantern cannot read yet.`
		);
	}
	return { did: commit.did, rev: typeof commit.rev === 'string' ? commit.rev : null, data: commit.data };
}

type Step = { node: CidLink } | { key: string; record: CidLink };

/** In-order walk of the Merkle Search Tree, with an explicit stack so depth costs no call stack. */
function walkTree(
	file: Uint8Array,
	blocks: Map<string, Uint8Array>,
	root: CidLink,
	repo: BlueskyRepo,
	warn: (message: string) => void,
	visit: (key: string, record: CidLink) => void
) {
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
			warn(
				'This export links to the same part of its record tree twice, so it may be damaged; that part was read once.'
			);
			continue;
		}
		seen.add(step.node.key);
		const block = blocks.get(step.node.key);
		if (!block) {
			repo.missingBlocks += 1;
			continue;
		}
		const steps = nodeSteps(decodeBlock(file, block, 'a record-tree node'));
		if (typeof steps === 'string')
			throw new CarError(
				`The Bluesky export is damaged at byte ${block.byteOffset - file.byteOffset}: ${steps}. ${AGAIN}`
			);
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
		if (
			!isMap(entry) ||
			typeof entry.p !== 'number' ||
			!(entry.k instanceof Uint8Array) ||
			!(entry.v instanceof CidLink)
		)
			return 'a record-tree entry is incomplete';
		if (!Number.isInteger(entry.p) || entry.p < 0 || entry.p > previous.length)
			return 'a record-tree key is built from a neighbour it does not match';
		if (entry.p + entry.k.length > MAX_KEY_LENGTH)
			return `a record-tree key is longer than ${MAX_KEY_LENGTH} characters`;
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
		throw new CarError(
			`The Bluesky export is damaged at byte ${block.byteOffset - file.byteOffset}: ${what} cannot be read (${error.message}). ${AGAIN}`
		);
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
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		!(value instanceof Uint8Array) &&
		!(value instanceof CidLink)
	);
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
