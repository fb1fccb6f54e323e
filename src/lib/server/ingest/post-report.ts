import type { DuckDBConnection } from '@duckdb/node-api';
import { PLATFORM_LABELS } from '../../domain/vocabulary';
import { formatCount, formatDateRange } from '../../format';
import { queryRows } from '../db/database';
import type { LoadedRows } from './load-plan';

/** What an import of posts, stories or per-day figures tells the person who uploaded it. */
export interface PostReport {
	/** what was loaded, in the library's words: "13 posts", "46 stories", "84 daily figures of 12 posts" */
	summary: string | null;
	notes: string[];
}

/** Everything the import report says, as one text for the imports list (import_log.notes). */
export function reportNotes(report: PostReport, privacy: string | null): string | null {
	const lines = [report.summary, ...report.notes, privacy].filter((line): line is string => Boolean(line));
	return lines.length > 0 ? lines.join('\n') : null;
}

const POST_TABLES = ['post_observations', 'story_records', 'post_daily_records'];
const LIFETIME_METRICS = ['impressions', 'reach', 'engagements'] as const;

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;
const platformName = (platform: string) => PLATFORM_LABELS[platform] ?? platform;

/**
 * Describes an import that stored posts, stories or per-day rows, read back inside its transaction:
 * how many of each, which posts are partners' collaborations, and every post whose lifetime figure
 * is lower than an earlier export's, so that no upload lowers a total without saying so.
 */
export async function describePostLoad(
	connection: DuckDBConnection,
	importId: number,
	loaded: LoadedRows
): Promise<PostReport> {
	if (!POST_TABLES.some((table) => (loaded.byTarget[table] ?? 0) > 0)) return { summary: null, notes: [] };
	const posts = loaded.byTarget.post_observations ?? 0;
	const stories = loaded.byTarget.story_records ?? 0;
	const parts: string[] = [];
	const notes: string[] = [];
	if (posts > 0) parts.push(plural(posts, 'post'));
	if (stories > 0) {
		parts.push(plural(stories, 'story', 'stories'));
		notes.push(
			'Stories are kept apart from posts: they are not counted in Posts, Impressions, Engagement rate, the strategies or the board report, and the Overview shows them on a line of their own.'
		);
	}
	if ((loaded.byTarget.post_daily_records ?? 0) > 0) {
		const daily = await dailyRows(connection, importId);
		parts.push(daily.summary);
		notes.push(...daily.notes);
	}
	notes.push(...(await collaborations(connection, importId)));
	notes.push(...(await lowerLifetimeFigures(connection, importId)));
	return { summary: parts.length > 0 ? `${parts.join(', ')}.` : null, notes };
}

async function dailyRows(connection: DuckDBConnection, importId: number): Promise<PostReport & { summary: string }> {
	const [row] = await queryRows<{
		n_rows: number;
		posts: number;
		first: string;
		last: string;
		without_lifetime: number;
	}>(
		connection,
		`SELECT count(*) AS n_rows, count(DISTINCT platform || ':' || post_id) AS posts,
			strftime(min(day), '%Y-%m-%d') AS first, strftime(max(day), '%Y-%m-%d') AS last,
			count(DISTINCT platform || ':' || post_id) FILTER (WHERE content_type = 'post'
				AND (platform, post_id) NOT IN (SELECT platform, post_id FROM post_observations)) AS without_lifetime
		 FROM post_daily_records WHERE import_id = $1`,
		[importId]
	);
	const { n_rows: rows, posts, first, last, without_lifetime: withoutLifetime } = row!;
	const notes = [
		`This export has one row per post per day (its Date column holds days, not "Lifetime"): the ${plural(rows, 'row')} are kept as each post's daily series, from ${formatDateRange(first, last)}, and never replace a post's lifetime figures, which come from the lifetime export.`
	];
	if (withoutLifetime > 0)
		notes.push(
			`${plural(withoutLifetime, 'post has', 'posts have')} no lifetime export yet, so ${withoutLifetime === 1 ? 'it is' : 'they are'} not counted as ${withoutLifetime === 1 ? 'a post' : 'posts'}: upload the same export with Date set to Lifetime.`
		);
	return {
		summary: `${plural(rows, 'daily figure')} of ${plural(posts, 'post')} (${formatDateRange(first, last)})`,
		notes
	};
}

/** Posts of this import published by a partner's account, named. */
async function collaborations(connection: DuckDBConnection, importId: number): Promise<string[]> {
	// Only a post whose export names its account (Account ID, Page ID) can be a partner's; without one
	// on these platforms, skip reading the posts view (1.3 s of a 200,000-row X import).
	const [possible] = await queryRows<{ found: boolean }>(
		connection,
		`SELECT EXISTS (SELECT 1 FROM post_observations WHERE account_id IS NOT NULL
			AND platform IN (SELECT DISTINCT platform FROM post_observations WHERE import_id = $1)) AS found`,
		[importId]
	);
	if (!possible?.found) return [];
	const rows = await queryRows<{ platform: string; collaborator: string; posts: number }>(
		connection,
		`SELECT platform, collaborator, count(*) AS posts FROM posts
		 WHERE collaborator IS NOT NULL
			AND (platform, post_id) IN (SELECT platform, post_id FROM post_observations WHERE import_id = $1)
		 GROUP BY ALL ORDER BY posts DESC, collaborator`,
		[importId]
	);
	if (rows.length === 0) return [];
	const total = rows.reduce((sum, row) => sum + row.posts, 0);
	const named = rows
		.slice(0, 5)
		.map((row) => (row.platform === 'instagram' ? `@${row.collaborator}` : row.collaborator))
		.join(', ');
	return [
		`${total === 1 ? '1 post was published by another account as a collaboration' : `${formatCount(total)} posts were published by other accounts as collaborations`} (${named}${rows.length > 5 ? ', …' : ''}): ${total === 1 ? 'it counts' : 'they count'} toward the Partner collaborations strategy, not the library's own posts, impressions or engagement rate.`
	];
}

/** Posts whose lifetime figure in this import is below what an earlier import reported for them. */
async function lowerLifetimeFigures(connection: DuckDBConnection, importId: number): Promise<string[]> {
	// A platform's first export has nothing to compare with: skip the join (0.5 s of a 200,000-row X import, load 9).
	const [earlier] = await queryRows<{ found: boolean }>(
		connection,
		`SELECT EXISTS (SELECT 1 FROM post_observations WHERE import_id <> $1
			AND platform IN (SELECT DISTINCT platform FROM post_observations WHERE import_id = $1)) AS found`,
		[importId]
	);
	if (!earlier?.found) return [];
	const rows = await queryRows<Record<string, number | string>>(
		connection,
		`WITH mine AS (SELECT * FROM post_observations WHERE import_id = $1),
		earlier AS (
			SELECT platform, post_id, ${LIFETIME_METRICS.map((m) => `max(${m}) AS ${m}`).join(', ')}
			FROM post_observations WHERE import_id <> $1 AND (platform, post_id) IN (SELECT platform, post_id FROM mine)
			GROUP BY ALL)
		SELECT m.platform, ${LIFETIME_METRICS.map((metric) => `count(DISTINCT m.post_id) FILTER (WHERE m.${metric} < e.${metric}) AS ${metric}`).join(', ')}
		FROM mine m JOIN earlier e USING (platform, post_id) GROUP BY m.platform ORDER BY m.platform`,
		[importId]
	);
	return rows.flatMap((row) =>
		LIFETIME_METRICS.filter((metric) => Number(row[metric]) > 0).map((metric) => {
			const n = Number(row[metric]);
			const name = platformName(String(row.platform));
			return `${plural(n, 'post reports', 'posts report')} lower lifetime ${metric} than an earlier export (${name} changed how it counts, or the export is older); the newest export's figures are shown.`;
		})
	);
}
