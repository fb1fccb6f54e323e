import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, onDataChanged, queryRows, type Database } from '../db/database';
import { getSettings } from '../settings';
import { derivedTable } from '../db/derived-tables';
import { byDataVersion } from '../db/version-cache';
import { POSTS_STAMP_SQL, postsCopy, postsStamp } from '../db/posts-snapshot';
import { PERIOD_PREFERENCE } from './usage-period';

/**
 * The rows the Social, Programs and Usage pages read, each set made once into a table in memory
 * (derived-tables.ts) and shared by every query of every page and person until its data changes.
 * Each is the public view the page read before, with what every query used to work out row by row
 * worked out once: the library's day, weekday and hour of a post or program (the time zone
 * conversion was most of a scan's cost), whether a program was promoted, which granularity of a
 * usage metric is counted and the last day a usage row covers. The pages read the same rows as
 * before (lens-facts.test.ts compares every figure with the queries they replaced).
 *
 * Each function gives the relation to read: the table's name, or, when the table cannot be made
 * (LANTERN_POSTS_SNAPSHOT=0 turns them off), the same rows as a subquery of the views.
 */

/** Post columns the Social page reads, with the library's day, weekday (0 = Monday) and hour. */
const SOCIAL_POSTS = (from: string, tz: string) => `SELECT * EXCLUDE (local), CAST(local AS DATE) AS day,
	isodow(local) - 1 AS weekday, hour(local) AS hour
	FROM (SELECT platform, post_id, published_at, left(text, 280) AS text, permalink, post_type, impressions, reach,
		engagements, collaborator, timezone(${tz}, published_at) AS local FROM ${from})`;

/** LANTERN_POSTS_SNAPSHOT=0 turns every copy off: the pages then read the public views, as before. */
const derivedTablesOn = () => process.env.LANTERN_POSTS_SNAPSHOT !== '0';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Every post with the library's day, weekday and hour in `timeZone`, once per change of the posts or
 * of the time zone (a settings change that keeps the zone keeps it). Made from the posts' copy when
 * it is ready, else from one scan of the view's few columns it needs, without waiting for the whole
 * copy (after a start or an import of posts: seconds at 250,000 posts).
 */
export async function socialPosts(db: Database, timeZone: string): Promise<string> {
	const fallback = `(${SOCIAL_POSTS('posts', quote(timeZone))})`;
	if (!derivedTablesOn()) return fallback;
	const root = db.base ?? db;
	const stamp = await postsStamp(root, root.dataVersion);
	const copy = await postsCopy(root, { wait: false });
	const table = await derivedTable(root, 'social_posts', `${stamp}|${timeZone}`, (connection, name) =>
		createIfStill(connection, POSTS_STAMP_SQL, stamp, name, SOCIAL_POSTS(copy ?? 'main.posts', quote(timeZone)))
	);
	return table ?? fallback;
}

/**
 * Every program (cancelled ones too: the page's default range ends on the newest one with
 * attendance, as before), with its day in the library's time zone, its category or
 * 'Uncategorised', and whether any post promoted it. Made per change of the programs, of their
 * promotions (relinking) or of the time zone, and per person's branches.
 */
const PROGRAM_FACTS = (tz: string) => `SELECT p.program_id, p.source, p.branch, p.category, p.audience, p.audiences,
	p.attendance, p.registrations, p.cancelled, coalesce(p.category, 'Uncategorised') AS category_name,
	CAST(timezone(${tz}, p.starts_at) AS DATE) AS day,
	(p.program_id, p.source) IN (SELECT program_id, program_source FROM program_promotions) AS promoted
	FROM programs p`;

/**
 * What the program facts read, as one string that changes whenever it does: the program records
 * (added and removed only with their import, as the posts' stamp assumes) and the promotion links
 * relinking rewrites (their content, hashed: 70 ms at 170,000 links against seconds for the table).
 */
const PROGRAMS_STAMP_SQL = `SELECT (SELECT count(*) || ':' || coalesce(sum(import_id), 0) || ':' || coalesce(max(import_id), 0) FROM main.program_records)
	|| '/' || (SELECT count(*) || ':' || coalesce(sum(hash(program_id, program_source)), 0) FROM main.program_promotion_links) AS stamp`;
const USAGE_STAMP_SQL = `SELECT count(*) || ':' || coalesce(sum(import_id), 0) || ':' || coalesce(max(import_id), 0) AS stamp FROM main.usage_records`;

/**
 * Creates `table` from `select` in one transaction with reading `stampSql`, and only if the stamp is
 * still `stamp`: a table is never filed under a stamp whose data it does not hold (a write that slips
 * in between makes it fail, and the page reads the views).
 */
async function createIfStill(
	connection: DuckDBConnection,
	stampSql: string,
	stamp: string,
	table: string,
	select: string
): Promise<void> {
	await inTransaction(connection, async () => {
		const [row] = await queryRows<{ stamp: string }>(connection, stampSql);
		if (row?.stamp !== stamp) throw new Error('the data changed while the table was being made');
		await connection.run(`CREATE OR REPLACE TABLE ${table} AS ${select}`);
	});
}

/** The result of `sql` (one row, one column `stamp`) once per data version. */
function stampOf(db: Database, name: string, sql: string): Promise<string> {
	return byDataVersion(db.base ?? db, name, null, async () => (await db.query<{ stamp: string }>(sql))[0]!.stamp);
}

export async function programFacts(db: Database, timeZone: string): Promise<string> {
	if (!derivedTablesOn()) return `(${PROGRAM_FACTS(quote(timeZone))})`;
	const stamp = await stampOf(db, 'programsStamp', PROGRAMS_STAMP_SQL);
	const table = await derivedTable(db, 'program_facts', `${stamp}|${timeZone}`, (connection, name) =>
		createIfStill(connection, PROGRAMS_STAMP_SQL, stamp, name, PROGRAM_FACTS(quote(timeZone)))
	);
	return table ?? `(${PROGRAM_FACTS(quote(timeZone))})`;
}

/** The last day a usage row covers: a range counts only the periods wholly inside it, as on the Overview. */
const PERIOD_END = `CAST(CASE period WHEN 'month' THEN period_start + INTERVAL 1 MONTH - INTERVAL 1 DAY
	WHEN 'week' THEN period_start + INTERVAL 6 DAY WHEN 'year' THEN period_start + INTERVAL 1 YEAR - INTERVAL 1 DAY
	ELSE period_start END AS DATE)`;
/**
 * Every usage row, with the last day it covers and whether it is counted: each metric at one
 * granularity (monthly when it has any, else weekly, else daily), so monthly reports beside daily
 * door counts are never added together. Made per change of the usage records and per person's branches.
 */
const USAGE_FACTS = `SELECT u.*, ${PERIOD_END} AS period_end,
	u.period = (SELECT period FROM usage v WHERE v.metric = u.metric GROUP BY period ORDER BY ${PERIOD_PREFERENCE} LIMIT 1) AS counted
	FROM usage u`;

export async function usageFacts(db: Database): Promise<string> {
	if (!derivedTablesOn()) return `(${USAGE_FACTS})`;
	const stamp = await stampOf(db, 'usageStamp', USAGE_STAMP_SQL);
	const table = await derivedTable(db, 'usage_facts', stamp, (connection, name) =>
		createIfStill(connection, USAGE_STAMP_SQL, stamp, name, USAGE_FACTS)
	);
	return table ?? `(${USAGE_FACTS})`;
}

/** A burst of changes (an import, then its relinking) is prepared for once, after it settles. */
const SETTLE_MS = 1_500;
const timers = new WeakMap<Database, ReturnType<typeof setTimeout>>();

/**
 * Makes the library-wide tables in the background, so the first page after a start or an import
 * need not: a person scoped to some branches still makes their own on their first page.
 */
export function prepareLensFacts(db: Database): void {
	const root = db.base ?? db;
	clearTimeout(timers.get(root));
	const timer = setTimeout(() => {
		void (async () => {
			const { timeZone } = await getSettings(root);
			await socialPosts(root, timeZone);
			await programFacts(root, timeZone);
			await usageFacts(root);
		})().catch((error: unknown) => console.warn('Lantern: could not prepare the dashboards’ tables.', error));
	}, SETTLE_MS);
	timer.unref();
	timers.set(root, timer);
}

let listening = false;

/** Keeps the tables ready for every database this process opens: called once by the server at start. */
export function keepLensFacts(db: Database): void {
	if (!listening) {
		listening = true;
		onDataChanged(prepareLensFacts);
	}
	prepareLensFacts(db);
}
