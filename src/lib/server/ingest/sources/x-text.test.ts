/**
 * X writes post text HTML-escaped in every export (`stories &amp; wiggles`, `it&#39;s`). Lantern
 * decodes it once, on import, so people read "&" and hashtags are read from the decoded text.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../html-entities';
import type { Database } from '../../db/database';
import { SOURCE_FIXTURES, tempDatabase } from '../../db/test-support';
import { decodeEntitiesSql, fieldSql, sqlString } from '../field-sql';
import { importFile } from '../pipeline';
import type { SourceSpec } from '../source';
import { xLegacyTweets } from './x-legacy-tweets';
import { xPremiumContent } from './x-premium';

const ESCAPED = join(SOURCE_FIXTURES, 'x-escaped');
const fixture = (name: string) => join(ESCAPED, name);
const NOW = new Date('2026-03-20T15:00:00Z');

const textOf = async (db: Database, postId: string) =>
	(await db.query(`SELECT text, hashtags FROM posts WHERE platform = 'x' AND post_id = $1`, [postId]))[0];

describe('the analytics exports decode a post’s text once per row', () => {
	// decodeEntitiesSql names the entity pattern twice (to split the text and to find the entities).
	const entityPattern = /\(\?i\)&\(lt\|gt/g;
	it.each<SourceSpec>([xLegacyTweets, xPremiumContent])(
		'$id: in the cell’s field, not again in each column made from it',
		(source) => {
			const field = source.fields.text!;
			const cells = Object.fromEntries(Object.keys(source.fields).map((name) => [name, `n."${name}"`]));
			const load = Object.values(
				source.load(cells, { preamble: [], fileName: 'x.csv', gateCountsBidirectional: false })
			);
			// text, post_type and hashtags each decoded the text before (3 decodings a row).
			expect(load.join(' ').match(entityPattern)).toBeNull();
			expect(fieldSql(field.type, '"column2"').value.match(entityPattern)).toHaveLength(2);
		}
	);
});

describe('decodeEntitiesSql', () => {
	const samples = [
		'stories &amp; wiggles',
		'&amp;lt; stays &amp;lt; once',
		'&AMP; &Lt; &QUOT;x&quot; it&#39;s &apos;ok&apos; caf&#xE9; &#X2019; &#128512;',
		'AT&T & co; &nbsp; &#99999999; &#x110000; &amp',
		'&&amp;&#38;&',
		'no entities at all',
		''
	];

	let db: Database;
	beforeAll(async () => {
		db = await tempDatabase();
	});
	afterAll(async () => {
		await db.close();
	});

	it.each(samples)('decodes %j exactly as the TypeScript decoder does', async (sample) => {
		const [row] = await db.query<{ decoded: string }>(`SELECT ${decodeEntitiesSql(sqlString(sample))} AS decoded`);
		expect(row!.decoded).toBe(decodeEntities(sample));
	});

	it('leaves NULL as NULL', async () => {
		expect(await db.query(`SELECT ${decodeEntitiesSql('CAST(NULL AS VARCHAR)')} AS decoded`)).toEqual([
			{ decoded: null }
		]);
	});
});

describe('X text is decoded on import, once, in every X format', () => {
	let db: Database;
	beforeEach(async () => {
		db = await tempDatabase();
	});

	it('the legacy tweet activity export', async () => {
		const result = await importFile(db, fixture('tweet_activity_metrics_MapleValleyPL_20260301_20260401_en.csv'));
		expect(result).toMatchObject({ status: 'imported', source: 'x-legacy-tweets', rowsLoaded: 3 });
		expect(await textOf(db, '2031007096664760320')).toEqual({
			text: 'Toddler stories & wiggles, Tuesdays at 10 <3 #StoryTime',
			hashtags: ['storytime']
		});
		// `&amp;lt;` is the text "&lt;" escaped once: it decodes to "&lt;", not to "<"; `&#39;` is no hashtag "39".
		expect(await textOf(db, '2029625491530452992')).toEqual({
			text: 'Our "Read & Seed" swap: it\'s back!\n\n&lt;grin&gt; #SeedLibrary',
			hashtags: ['seedlibrary']
		});
		expect(await textOf(db, '2028848893776625664')).toMatchObject({
			text: 'Thanks @FriendsOfMVPL for the ❤️ and the books! https://t.co/AbCdEf1234'
		});
	});

	it('the X Premium content export', async () => {
		const result = await importFile(db, fixture('account_analytics_content_2026-03-01_2026-03-14.csv'));
		expect(result).toMatchObject({ status: 'imported', source: 'x-premium-content', rowsLoaded: 2 });
		expect(await textOf(db, '2031411007573733376')).toEqual({
			text: 'Tax help & e-filing drop-ins start Monday — bring your W-2s #TaxHelp',
			hashtags: ['taxhelp']
		});
		expect(await textOf(db, '2032079157923414018')).toMatchObject({
			text: 'Road closures this weekend >> https://x.com/CityOfMaple/status/2027477587885817857 so plan your library trip!'
		});
	});

	it('the archive’s tweets.js, its older tweet.js and note-tweet.js', async () => {
		expect(await importFile(db, fixture('tweets.js'), { now: NOW })).toMatchObject({
			status: 'imported',
			source: 'x-archive-tweets',
			rowsLoaded: 2
		});
		expect(await importFile(db, fixture('tweet.js'), { now: NOW })).toMatchObject({
			status: 'imported',
			source: 'x-archive-tweets',
			rowsLoaded: 1
		});
		expect(await textOf(db, '2028578592270581763')).toEqual({
			text: "Board meeting tonight & you're invited, @GardenClubMV too! #MVPLboard",
			hashtags: ['mvplboard']
		});
		expect(await textOf(db, '1470770583389077509')).toEqual({
			text: "Snow day: we're closed & the wifi's on in the lot #SnowDay",
			hashtags: ['snowday']
		});
		const cut = (await textOf(db, '2028153293103955975'))!;
		expect(cut.text).toContain('chess & checkers');
		expect(await importFile(db, fixture('note-tweet.js'), { now: NOW })).toMatchObject({
			status: 'imported',
			source: 'x-archive-note-tweets',
			rowsLoaded: 1
		});
		const full = (await textOf(db, '2028153293103955975'))!;
		expect(full.text).toMatch(
			/^Spring programs are here: Lego club, chess & checkers, .* mvpl\.org\/spring & tell a friend <3 #SpringAtMVPL$/
		);
		expect(full.hashtags).toEqual(['springatmvpl']);
	});

	it('the archive’s tweets.csv from before 2018', async () => {
		expect(await importFile(db, fixture('tweets.csv'))).toMatchObject({
			status: 'imported',
			source: 'x-archive-tweets-csv',
			rowsLoaded: 2
		});
		expect(await textOf(db, '731519485604790272')).toEqual({
			text: 'Book sale Saturday & Sunday – fill a bag for $5 <3 #BookSale',
			hashtags: ['booksale']
		});
		expect(await textOf(db, '730004456862646272')).toMatchObject({
			text: '"Where the Wild Things Are" storytime > 10am'
		});
	});
});
