import { describe, expect, it, vi } from 'vitest';
import { CarError, CidLink, parseTid, readBlueskyCar, tidToDate, type BlueskyPost, type CborValue } from './car';
import {
	blockOf,
	buildMst,
	buildRepo,
	cidOf,
	encodeCar,
	encodeDagCbor,
	encodeVarint,
	fromHex,
	mstLayer,
	parseCid,
	seededRandom,
	tidFor,
	type Block,
	type RepoRecord
} from './test-support';

const DID = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
const POST = 'app.bsky.feed.post';

function expectCarError(bytes: Uint8Array, message: RegExp) {
	let thrown: unknown;
	try {
		readBlueskyCar(bytes);
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(CarError);
	expect((thrown as Error).message).toMatch(message);
}

describe('TID record keys', () => {
	it('decodes the published vectors (atproto.com/specs/tid; @atcute/tid README)', () => {
		expect(parseTid('3l25zusnsfctk')).toEqual({ microseconds: 1724171495793000, clockId: 816 });
		expect(tidToDate('3l25zusnsfctk')?.toISOString()).toBe('2024-08-20T16:31:35.793Z');
		expect(parseTid('3l25zusnsfck2')).toEqual({ microseconds: 1724171495793000, clockId: 512 });
		// The spec: "The TID corresponding to integer zero is 2222222222222."
		expect(tidToDate('2222222222222')?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
		expect(tidFor(1724171495793000, 816)).toBe('3l25zusnsfctk');
	});

	it('returns null for keys that are not TIDs', () => {
		for (const rkey of [
			'self',
			'3l25zusnsfct',
			'3l25zusnsfctkk',
			'kl25zusnsfctk',
			'3L25ZUSNSFCTK',
			'3l25zusnsfct1',
			'zzzzzzzzzzzzz'
		])
			expect(tidToDate(rkey)).toBeNull();
		// The syntax allows a first char up to "j", but the layout says the top bit is always 0.
		expect(tidToDate('jzzzzzzzzzzzz')).toBeNull();
		expect(tidToDate('bzzzzzzzzzzzz')?.getUTCFullYear()).toBe(2255);
	});
});

describe('the test writer lays out MSTs exactly as atproto does (published root CIDs)', () => {
	const cid1 = parseCid('bafyreie5cvv4h45feadgeuwhbcutmh6t2ceseocckahdoe6uat64zmz454');
	const rootOf = (keys: string[]) => buildMst([...keys].sort().map((key) => [key, cid1] as const)).root.text;
	const record = (...rkeys: string[]) => rkeys.map((rkey) => `com.example.record/${rkey}`);

	// bluesky-social/atproto packages/repo/tests/mst.test.ts, "MST Interop Known Maps" and "Edge Cases"
	it.each([
		['empty', [], 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm'],
		['trivial', record('3jqfcqzm3fo2j'), 'bafyreibj4lsc3aqnrvphp5xmrnfoorvru4wynt6lwidqbm2623a6tatzdu'],
		['singlelayer2', record('3jqfcqzm3fx2j'), 'bafyreih7wfei65pxzhauoibu3ls7jgmkju4bspy4t2ha2qdjnzqvoy33ai'],
		[
			'simple',
			record('3jqfcqzm3fp2j', '3jqfcqzm3fr2j', '3jqfcqzm3fs2j', '3jqfcqzm3ft2j', '3jqfcqzm4fc2j'),
			'bafyreicmahysq4n6wfuxo522m6dpiy7z7qzym3dzs756t5n7nfdgccwq7m'
		],
		[
			'trims top: layer 1',
			record('3jqfcqzm3fn2j', '3jqfcqzm3fo2j', '3jqfcqzm3fp2j', '3jqfcqzm3fs2j', '3jqfcqzm3ft2j', '3jqfcqzm3fu2j'),
			'bafyreifnqrwbk6ffmyaz5qtujqrzf5qmxf7cbxvgzktl4e3gabuxbtatv4'
		],
		[
			'trims top: layer 0',
			record('3jqfcqzm3fn2j', '3jqfcqzm3fo2j', '3jqfcqzm3fp2j', '3jqfcqzm3ft2j', '3jqfcqzm3fu2j'),
			'bafyreie4kjuxbwkhzg2i5dljaswcroeih4dgiqq6pazcmunwt2byd725vi'
		],
		[
			'split two layers down: before',
			record(
				'3jqfcqzm3fo2j',
				'3jqfcqzm3fp2j',
				'3jqfcqzm3fr2j',
				'3jqfcqzm3fs2j',
				'3jqfcqzm3ft2j',
				'3jqfcqzm3fz2j',
				'3jqfcqzm4fc2j',
				'3jqfcqzm4fd2j',
				'3jqfcqzm4ff2j',
				'3jqfcqzm4fg2j',
				'3jqfcqzm4fh2j'
			),
			'bafyreiettyludka6fpgp33stwxfuwhkzlur6chs4d2v4nkmq2j3ogpdjem'
		],
		[
			'split two layers down: after',
			record(
				'3jqfcqzm3fo2j',
				'3jqfcqzm3fp2j',
				'3jqfcqzm3fr2j',
				'3jqfcqzm3fs2j',
				'3jqfcqzm3ft2j',
				'3jqfcqzm3fx2j',
				'3jqfcqzm3fz2j',
				'3jqfcqzm4fc2j',
				'3jqfcqzm4fd2j',
				'3jqfcqzm4ff2j',
				'3jqfcqzm4fg2j',
				'3jqfcqzm4fh2j'
			),
			'bafyreid2x5eqs4w4qxvc5jiwda4cien3gw2q6cshofxwnvv7iucrmfohpm'
		],
		[
			'two layers higher: layer 0',
			record('3jqfcqzm3ft2j', '3jqfcqzm3fz2j'),
			'bafyreidfcktqnfmykz2ps3dbul35pepleq7kvv526g47xahuz3rqtptmky'
		],
		[
			'two layers higher: layer 2',
			record('3jqfcqzm3ft2j', '3jqfcqzm3fx2j', '3jqfcqzm3fz2j'),
			'bafyreiavxaxdz7o7rbvr3zg2liox2yww46t7g6hkehx4i4h3lwudly7dhy'
		],
		[
			'two layers higher: layers 2 and 1',
			record('3jqfcqzm3ft2j', '3jqfcqzm3fx2j', '3jqfcqzm3fz2j', '3jqfcqzm4fd2j'),
			'bafyreig4jv3vuajbsybhyvb7gggvpwh2zszwfyttjrj6qwvcsp24h6popu'
		]
	])('%s', (_name, keys, root) => {
		expect(rootOf(keys)).toBe(root);
	});

	// bluesky-social/atproto packages/repo/tests/commit-proof-fixtures.json: roots before and after each commit
	it.each([
		[
			['A0/374913', 'B1/986427', 'C0/451630', 'E0/670489', 'F1/085263', 'G0/765327'],
			['D2/269196'],
			[],
			'bafyreicraprx2xwnico4tuqir3ozsxpz46qkcpox3obf5bagicqwurghpy',
			'bafyreihvay6pazw3dfa47u5d2tn3rd6pa57sr37bo5bqyvjuqc73ib65my'
		],
		[
			['A0/374913', 'B0/601692', 'D0/952776', 'E0/670489'],
			['C2/014073'],
			[],
			'bafyreialm5sgf7pijawbschsjpdevid5rss5ip3d4n4w6cc4mhu53sfl4i',
			'bafyreibxh4iztp5l2yshz3ectg2qjpeyprpw2gogao3pvceowpq3k3thya'
		],
		[
			['A0/374913', 'B2/827649', 'C0/451630'],
			['D2/269196'],
			[],
			'bafyreigc6ay2qwfk7kuevvrczummpd64nknfo4yxpaooknfymzyb7u3ntq',
			'bafyreign6kxoll35r5f2ske6hjx7vg56aw3jn6r5hcopgrepzafpvohr2a'
		],
		[
			['A0/374913', 'B2/827649', 'D2/269196', 'E0/670489'],
			['C2/014073'],
			['B2/827649', 'D2/269196'],
			'bafyreiceld4icym4qjmdcn3dfgtxt7t66hdgyhvigessgmkvb56dx6amgi',
			'bafyreigkalika3taqauapfha556lo36zzcjoiifny5xeru6yis3nxw5ruq'
		],
		[
			['B0/601692', 'C2/014073', 'D0/952776', 'E2/819540', 'F0/697858', 'H0/131238'],
			['A2/827942', 'G2/611528'],
			['C2/014073'],
			'bafyreigr3plnts7dax6yokvinbhcqpyicdfgg6npvvyx6okc5jo55slfqi',
			'bafyreiftrcrbhrwmi37u4egedlg56gk3jeh3tvmqvwgowoifuklfysyx54'
		]
	])('commit-proof keys %j', (keys, adds, dels, before, after) => {
		for (const key of [...keys, ...adds]) expect(mstLayer(key)).toBe(Number(key[1]));
		expect(rootOf(keys)).toBe(before);
		expect(rootOf([...keys, ...adds].filter((key) => !dels.includes(key)))).toBe(after);
	});

	it('and the decoder walks those published trees back to every key', () => {
		const keys = [
			'A0/374913',
			'B2/827649',
			'C2/014073',
			'D0/952776',
			'E2/819540',
			'F0/697858',
			'G2/611528',
			'H0/131238'
		];
		const mst = buildMst(keys.map((key) => [key, cid1] as const));
		const commit = blockOf({
			did: DID,
			version: 3,
			data: mst.root,
			rev: '3l25zusnsfctk',
			prev: null,
			sig: new Uint8Array(64)
		});
		const repo = readBlueskyCar(encodeCar([commit.cid], [commit, ...mst.nodes]));
		expect(repo.counts).toEqual(Object.fromEntries(keys.map((key) => [key.split('/')[0], 1])));
		expect(repo).toMatchObject({ did: DID, rev: '3l25zusnsfctk', missingBlocks: 0, warnings: [] });
	});
});

const TEXTS = [
	'Story time at the Central Library this Saturday 📚',
	'Bücherei-Öffnungszeiten: Mo–Fr 9–18 Uhr',
	'図書館の新しい本が届きました',
	'مكتبة عامة — ساعات جديدة',
	'Coding club 👩🏽‍💻 and family day 👨‍👩‍👧‍👦',
	'cafe\u0301 (combining) vs caf\u00e9 (precomposed)',
	'\uFEFFstarts with a byte-order mark',
	'',
	'line one\nline two\ttabbed "quoted" \\ backslash',
	'astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and a line separator \u2028 here'
];
const LANGS: (string[] | undefined)[] = [['en'], ['de'], ['ja'], ['ar'], [], ['en', 'es'], undefined];
const START_US = Date.UTC(2023, 4, 1, 9) * 1000;

/** 250 posts (replies, embeds, unicode), 400 likes, 60 follows, 30 reposts and a profile. */
function libraryAccount() {
	const records: RepoRecord[] = [];
	const expected: BlueskyPost[] = [];
	const rootUri = `at://${DID}/${POST}/${tidFor(START_US, 0)}`;
	for (let i = 0; i < 250; i += 1) {
		const microseconds = START_US + i * 3 * 3600 * 1_000_000 + i * 1234;
		const rkey = tidFor(microseconds, (i * 37) % 1024);
		const iso = new Date(Math.floor(microseconds / 1000)).toISOString();
		const createdAt = i % 9 === 4 ? iso.replace('Z', '456+00:00') : iso;
		const text = TEXTS[i % TEXTS.length] + (i % 10 === 7 ? '' : ` #${i}`);
		const langs = LANGS[i % LANGS.length];
		const replyTo = i > 0 && i % 7 === 0 ? expected[i - 1]!.uri : null;
		const value: Record<string, CborValue> = { $type: POST, text, createdAt };
		if (langs) value.langs = langs;
		if (replyTo)
			value.reply = {
				root: { uri: rootUri, cid: 'bafyreie5cvv4h45feadgeuwhbcutmh6t2ceseocckahdoe6uat64zmz454' },
				parent: { uri: replyTo, cid: 'bafyreibj4lsc3aqnrvphp5xmrnfoorvru4wynt6lwidqbm2623a6tatzdu' }
			};
		if (i % 5 === 3)
			value.embed = {
				$type: 'app.bsky.embed.images',
				images: [
					{
						alt: `photo ${i}`,
						image: { $type: 'blob', ref: cidOf(new Uint8Array([i]), 0x55), mimeType: 'image/jpeg', size: 1000 + i }
					}
				]
			};
		if (i % 11 === 0)
			value.facets = [
				{ index: { byteStart: 0, byteEnd: 5 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'library' }] }
			];
		records.push({ collection: POST, rkey, value });
		expected.push({
			uri: `at://${DID}/${POST}/${rkey}`,
			rkey,
			did: DID,
			createdAt,
			text,
			langs: langs ?? [],
			replyTo,
			isReply: replyTo !== null,
			hasEmbed: i % 5 === 3,
			tidTimestamp: iso
		});
	}
	const subject = (n: number) => ({
		uri: `at://did:plc:other${n % 13}/${POST}/${tidFor(START_US + n * 999, 1)}`,
		cid: 'bafyreie5cvv4h45feadgeuwhbcutmh6t2ceseocckahdoe6uat64zmz454'
	});
	for (let i = 0; i < 400; i += 1)
		records.push({
			collection: 'app.bsky.feed.like',
			rkey: tidFor(START_US + i * 7_000_000_000 + 17, 3),
			value: { $type: 'app.bsky.feed.like', subject: subject(i), createdAt: '2024-01-01T00:00:00.000Z' }
		});
	for (let i = 0; i < 60; i += 1)
		records.push({
			collection: 'app.bsky.graph.follow',
			rkey: tidFor(START_US + i * 50_000_000_000 + 5, 9),
			value: { $type: 'app.bsky.graph.follow', subject: `did:plc:friend${i}`, createdAt: '2024-02-02T00:00:00Z' }
		});
	for (let i = 0; i < 30; i += 1)
		records.push({
			collection: 'app.bsky.feed.repost',
			rkey: tidFor(START_US + i * 90_000_000_000 + 3, 2),
			value: { $type: 'app.bsky.feed.repost', subject: subject(i), createdAt: '2024-03-03T00:00:00Z' }
		});
	records.push({
		collection: 'app.bsky.actor.profile',
		rkey: 'self',
		value: {
			$type: 'app.bsky.actor.profile',
			displayName: 'Riverside Public Library',
			description: 'Books, events, Wi‑Fi ✨'
		}
	});
	const built = buildRepo(DID, tidFor(START_US + 10 ** 15, 0), records);
	return { built, expected };
}

const account = libraryAccount();
const COUNTS = {
	'app.bsky.actor.profile': 1,
	'app.bsky.feed.like': 400,
	'app.bsky.feed.post': 250,
	'app.bsky.feed.repost': 30,
	'app.bsky.graph.follow': 60
};

describe('readBlueskyCar on a whole account', () => {
	it('builds a tree several layers deep, so the walk is really tested', () => {
		expect(Math.max(...account.built.mst.nodes.map((node) => node.layer))).toBeGreaterThanOrEqual(3);
		expect(account.built.mst.nodes.length).toBeGreaterThan(100);
	});

	it('returns every post exactly, in key order, with counts per collection', () => {
		const repo = readBlueskyCar(account.built.car);
		expect(repo.did).toBe(DID);
		expect(repo.rev).toBe(tidFor(START_US + 10 ** 15, 0));
		expect(repo.missingBlocks).toBe(0);
		expect(repo.warnings).toEqual([]);
		expect(repo.counts).toEqual(COUNTS);
		expect(repo.posts).toEqual(account.expected);
		expect(repo.posts.filter((post) => post.isReply)).toHaveLength(35);
		expect(repo.posts.filter((post) => post.hasEmbed)).toHaveLength(50);
	});

	it('keeps unicode text byte for byte: emoji sequences, combining marks, RTL, a leading BOM, astral letters', () => {
		const texts = readBlueskyCar(account.built.car)
			.posts.slice(0, TEXTS.length)
			.map((post) => post.text);
		expect(texts[4]).toBe('Coding club 👩🏽‍💻 and family day 👨‍👩‍👧‍👦 #4');
		expect(texts[5]).toBe('cafe\u0301 (combining) vs caf\u00e9 (precomposed) #5');
		expect(texts[6]!.charCodeAt(0)).toBe(0xfeff);
		expect(texts[7]).toBe('');
		expect(texts[9]).toBe('astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and a line separator \u2028 here #9');
	});

	it('accepts a Node Buffer and a view into a larger buffer', () => {
		const padded = new Uint8Array(account.built.car.length + 20);
		padded.set(account.built.car, 10);
		expect(readBlueskyCar(padded.subarray(10, 10 + account.built.car.length)).posts).toHaveLength(250);
		expect(readBlueskyCar(Buffer.from(account.built.car)).posts).toHaveLength(250);
	});
});

describe('partial exports', () => {
	const { built, expected } = account;
	const without = (...drop: string[]) =>
		encodeCar(
			[built.commit.cid],
			built.blocks.filter((block) => !drop.includes(block.cid.text))
		);

	it('skips a missing subtree, counts it, and still returns everything else', () => {
		const node = built.mst.nodes.find(
			(n) => n.layer === 1 && n.keys.filter((key) => key.startsWith(POST)).length >= 3
		)!;
		const repo = readBlueskyCar(without(node.cid.text));
		expect(repo.missingBlocks).toBe(1);
		expect(repo.warnings[0]).toMatch(/^1 part of this export is missing, so some records could not be read/);
		expect(repo.posts).toEqual(expected.filter((post) => !node.keys.includes(`${POST}/${post.rkey}`)));
		const total = Object.values(repo.counts).reduce((sum, n) => sum + n, 0);
		expect(total).toBe(741 - node.keys.length);
	});

	it('skips a missing post record but still counts the post', () => {
		const rkey = expected[100]!.rkey;
		const repo = readBlueskyCar(without(built.records.get(`${POST}/${rkey}`)!.cid.text));
		expect(repo.missingBlocks).toBe(1);
		expect(repo.counts).toEqual(COUNTS);
		expect(repo.posts.map((post) => post.rkey)).toEqual(
			expected.map((post) => post.rkey).filter((key) => key !== rkey)
		);
	});

	it('reads an export cut off right after the commit as empty, with the tree counted missing', () => {
		const repo = readBlueskyCar(encodeCar([built.commit.cid], [built.commit]));
		expect(repo).toMatchObject({ did: DID, posts: [], counts: {}, missingBlocks: 1 });
	});
});

describe('files that are not whole Bluesky exports', () => {
	const { built } = account;

	it('refuses a file cut off part-way through a block', () => {
		for (const cut of [built.car.length - 1, built.car.length - 40, Math.floor(built.car.length / 2) + 3]) {
			const message = /ends part-way through a block.*cut short.*Export it again/;
			let thrown: unknown;
			try {
				const repo = readBlueskyCar(built.car.subarray(0, cut));
				// A cut that lands exactly between blocks reads as a partial export instead.
				expect(repo.missingBlocks + repo.warnings.length).toBeGreaterThan(0);
			} catch (error) {
				thrown = error;
				expect(error).toBeInstanceOf(CarError);
				expect((error as Error).message).toMatch(message);
			}
			if (cut === built.car.length - 1) expect(thrown).toBeInstanceOf(CarError);
		}
	});

	it('refuses empty, random and other files with a message that says what they are not', () => {
		expectCarError(new Uint8Array(), /not a Bluesky repository export.*empty/);
		expectCarError(built.car.subarray(0, 5), /not a Bluesky repository export/);
		expectCarError(new TextEncoder().encode('{"posts": []}'), /not a Bluesky repository export/);
		expectCarError(fromHex('504b0304140000000800'), /not a Bluesky repository export/);
		const random = seededRandom(42);
		for (let i = 0; i < 200; i += 1) {
			const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 4000) }, () => Math.floor(random() * 256));
			expect(() => readBlueskyCar(bytes)).toThrow(CarError);
		}
	});

	it('refuses a CAR whose root is not a repository commit', () => {
		const post = built.records.values().next().value!;
		expectCarError(
			encodeCar([post.cid], built.blocks),
			/not a Bluesky repository export.*root is not a signed repository commit/
		);
		expectCarError(encodeCar([built.mst.root], built.blocks), /root is not a signed repository commit/);
		const future = blockOf({ did: DID, version: 9, data: built.mst.root, rev: 'x', prev: null, sig: new Uint8Array() });
		expectCarError(encodeCar([future.cid], [future, ...built.blocks]), /format version 9/);
		expectCarError(encodeCar([], built.blocks), /names no root commit/);
		expectCarError(encodeCar([built.commit.cid], built.blocks, { version: 2, roots: [built.commit.cid] }), /CARv2/);
		expectCarError(encodeCar([built.commit.cid], built.blocks.slice(1)), /does not contain its root commit/);
	});

	it('refuses headers and blocks that claim absurd lengths', () => {
		expectCarError(Uint8Array.from([...encodeVarint(2 ** 40), 0xa0]), /not a Bluesky repository export/);
		expectCarError(
			Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
			/not a Bluesky repository export/
		);
		const header = built.car.subarray(0, 1 + built.car[0]!);
		expectCarError(
			Uint8Array.from([...header, ...encodeVarint(2 ** 45), 1, 2, 3]),
			/damaged at byte \d+: a block claims an impossible size/
		);
	});

	it('refuses CIDv0 block addresses clearly', () => {
		const header = built.car.subarray(0, 1 + built.car[0]!);
		expectCarError(Uint8Array.from([...header, 35, 0x12, 0x20, ...new Uint8Array(32), 0xa0]), /CIDv0/);
	});

	it('turns any single damaged byte into a result or a CarError, never a crash', () => {
		const random = seededRandom(7);
		for (let i = 0; i < 150; i += 1) {
			const bytes = Uint8Array.from(built.car);
			bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
			try {
				readBlueskyCar(bytes);
			} catch (error) {
				expect(error).toBeInstanceOf(CarError);
			}
		}
	});
});

describe('hostile and odd trees', () => {
	const commitFor = (data: CidLink) =>
		blockOf({ did: DID, version: 3, data, rev: '3l25zusnsfctk', prev: null, sig: new Uint8Array(64) });
	const record = blockOf({ $type: POST, text: 'hi', createdAt: '2024-08-20T16:31:35.793Z' });

	it('stops at a node that links back to itself (a cycle), reading it once', () => {
		// A real hash cannot point at itself, but the reader does not re-hash, so a hand-made file can.
		const selfCid = cidOf(new Uint8Array([1, 2, 3]));
		const node = encodeDagCbor({
			e: [{ k: new TextEncoder().encode(`${POST}/3l25zusnsfctk`), p: 0, t: selfCid, v: record.cid }],
			l: selfCid
		});
		const commit = commitFor(selfCid);
		const repo = readBlueskyCar(encodeCar([commit.cid], [commit, { cid: selfCid, bytes: node }, record]));
		expect(repo.posts).toHaveLength(1);
		expect(repo.warnings.some((warning) => /same part of its record tree twice/.test(warning))).toBe(true);
	});

	it('walks a chain 20,000 nodes deep without running out of stack', () => {
		const blocks = [];
		let next: CidLink | null = null;
		for (let i = 0; i < 20_000; i += 1) {
			const node = blockOf({
				e: i === 0 ? [{ k: new TextEncoder().encode(`${POST}/3l25zusnsfctk`), p: 0, t: null, v: record.cid }] : [],
				l: next
			});
			blocks.push(node);
			next = node.cid;
		}
		const commit = commitFor(next!);
		const repo = readBlueskyCar(encodeCar([commit.cid], [commit, ...blocks, record]));
		expect(repo.posts.map((post) => post.text)).toEqual(['hi']);
	});

	it('refuses a tree node whose keys do not rebuild, or grow past the protocol limit', () => {
		const node = blockOf({ e: [{ k: new TextEncoder().encode('x'), p: 5, t: null, v: record.cid }], l: null });
		const commit = commitFor(node.cid);
		expectCarError(
			encodeCar([commit.cid], [commit, node, record]),
			/damaged at byte \d+: a record-tree key is built from a neighbour/
		);
		// Each key extends the last by one byte, so unbounded keys would cost the square of the entries.
		const growing = blockOf({
			e: Array.from({ length: 2_000 }, (_, i) => ({ k: new Uint8Array([0x61]), p: i, t: null, v: record.cid })),
			l: null
		});
		const growingCommit = commitFor(growing.cid);
		expectCarError(
			encodeCar([growingCommit.cid], [growingCommit, growing, record]),
			/a record-tree key is longer than 1024 characters/
		);
	});

	it('decodes a record shared by many tree entries once', () => {
		const text = 'same words '.repeat(20_000);
		const shared = blockOf({ $type: POST, text, createdAt: '2024-08-20T16:31:35.793Z' });
		const mst = buildMst(
			Array.from({ length: 2_000 }, (_, i) => [`${POST}/${tidFor(1724171495793000 + i, 0)}`, shared.cid] as const)
		);
		const commit = commitFor(mst.root);
		const decode = vi.spyOn(TextDecoder.prototype, 'decode');
		try {
			const repo = readBlueskyCar(encodeCar([commit.cid], [commit, ...mst.nodes, shared]));
			expect(repo.posts).toHaveLength(2_000);
			expect(repo.posts.every((post) => post.text === text)).toBe(true);
			expect(decode.mock.calls.filter(([input]) => (input as Uint8Array).byteLength > 100_000)).toHaveLength(1);
		} finally {
			decode.mockRestore();
		}
	});

	it('skips odd post records with a warning and reads the rest field by field', () => {
		const deep = { cid: cidOf(new Uint8Array([9])), bytes: Uint8Array.from([...new Array(5000).fill(0x81), 0x01]) };
		const posts: [string, Block][] = [
			['3l25zusnsfcta', blockOf({ $type: POST, text: 'no date' })],
			['3l25zusnsfctb', blockOf({ $type: 'app.bsky.feed.like', createdAt: '2024-01-01T00:00:00Z' })],
			['3l25zusnsfctc', deep],
			[
				'3l25zusnsfctd',
				blockOf({
					$type: POST,
					text: 42,
					createdAt: '2024-01-01T00:00:00Z',
					langs: ['en', 7, null, 'fr'],
					reply: { root: {} },
					embed: null
				})
			],
			[
				'custom-key',
				blockOf({
					text: 'made by a third-party client',
					createdAt: '2024-01-02T00:00:00Z',
					reply: { parent: { uri: 'at://did:plc:x/app.bsky.feed.post/1' } },
					embed: { $type: 'app.bsky.embed.external' }
				})
			]
		];
		const mst = buildMst(
			posts.map(([rkey, block]) => [`${POST}/${rkey}`, block.cid] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1))
		);
		const commit = commitFor(mst.root);
		const repo = readBlueskyCar(encodeCar([commit.cid], [commit, ...mst.nodes, ...posts.map(([, block]) => block)]));
		expect(repo.counts).toEqual({ [POST]: 5 });
		expect(repo.posts).toEqual([
			{
				uri: `at://${DID}/${POST}/3l25zusnsfctd`,
				rkey: '3l25zusnsfctd',
				did: DID,
				createdAt: '2024-01-01T00:00:00Z',
				text: '',
				langs: ['en', 'fr'],
				replyTo: null,
				isReply: true,
				hasEmbed: false,
				tidTimestamp: tidToDate('3l25zusnsfctd')!.toISOString()
			},
			{
				uri: `at://${DID}/${POST}/custom-key`,
				rkey: 'custom-key',
				did: DID,
				createdAt: '2024-01-02T00:00:00Z',
				text: 'made by a third-party client',
				langs: [],
				replyTo: 'at://did:plc:x/app.bsky.feed.post/1',
				isReply: true,
				hasEmbed: true,
				tidTimestamp: null
			}
		]);
		expect(repo.warnings).toEqual([
			'Post 3l25zusnsfcta was skipped: it has no createdAt time.',
			'Post 3l25zusnsfctb was skipped: its record has the type app.bsky.feed.like.',
			'Post 3l25zusnsfctc was skipped: its record is damaged (a value nests more than 128 levels deep).'
		]);
	});
});
