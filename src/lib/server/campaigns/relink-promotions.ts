import { extent } from 'd3';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryColumns, tempTableWriter } from '../db/append';
import { breather } from '../event-loop';
import type { Database } from '../db/database';
import { promotionMatcher, readPostText, type PostMatch } from './program-promotion';

/** Distinct post texts matched per round: bounds memory for a library with a million posts. */
const TEXT_CHUNK = 20_000;
/** Posts published this long before a program starts cannot promote it (21 calendar days, plus a zone's offset). */
const LONGEST_LEAD_MS = 23 * 86_400_000;

interface Override {
	program_source: string;
	program_id: string;
	platform: string;
	post_id: string;
	action: 'add' | 'remove';
}

/** Staff's promotion decisions, oldest first (the last one per program and post wins). */
export async function loadPromotionOverrides(db: Database): Promise<Override[]> {
	return db.query<Override & Record<string, unknown>>(
		'SELECT program_source, program_id, platform, post_id, action FROM promotion_decisions ORDER BY decided_at'
	);
}

/** How promotions name a program: its source and ID in one key. */
const programKey = (source: string, id: string) => `${source}:${id}`;

/**
 * Which programs the posts in relink_posts marked `promote` promoted (program-promotion.ts decides
 * for one post). The programs are indexed once; each distinct text is read once, for all the posts
 * that carry it; only posts published in some program's window are read at all. Staff overrides
 * apply last, for the programs and posts in play.
 */
export async function repromotePosts(
	connection: DuckDBConnection,
	overrides: readonly Override[],
	timeZone: string
): Promise<void> {
	await connection.run(`CREATE OR REPLACE TEMP TABLE relink_programs AS
		SELECT CAST(row_number() OVER (ORDER BY source, program_id) - 1 AS INTEGER) AS position, source, program_id, title,
			strftime(starts_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS starts_at, epoch_ms(starts_at) AS start_ms, branch
		FROM programs WHERE title IS NOT NULL AND starts_at IS NOT NULL`);
	const programs = await queryColumns<{
		source: string[];
		program_id: string[];
		title: string[];
		starts_at: string[];
		start_ms: bigint[];
		branch: (string | null)[];
	}>(
		connection,
		'SELECT source, program_id, title, starts_at, start_ms, branch FROM relink_programs ORDER BY position'
	);
	const found = await tempTableWriter(connection, 'relink_matches', {
		n: 'bigint',
		position: 'integer',
		reason: 'varchar',
		score: 'double'
	});
	if (programs.source.length === 0) return found.close();
	const keys = programs.source.map((source, i) => programKey(source, programs.program_id[i]!));
	const position = new Map(keys.map((key, i) => [key, i]));
	const matcher = promotionMatcher(
		keys.map((programId, i) => ({
			programId,
			title: programs.title[i]!,
			startsAt: programs.starts_at[i]!,
			branch: programs.branch[i]!
		})),
		{ timeZone }
	);

	// Overrides count for posts being relinked (with a date, as matching needs) and programs that exist.
	const overridden = new Map<number, Override[]>();
	const postsOverridden = await queryColumns<{ n: bigint[]; platform: string[]; post_id: string[] }>(
		connection,
		`SELECT rowid AS n, platform, post_id FROM relink_posts WHERE promote AND published_at IS NOT NULL
			AND (platform, post_id) IN (SELECT platform, post_id FROM promotion_decisions)`
	);
	const postN = new Map(
		postsOverridden.n.map((n, i) => [`${postsOverridden.platform[i]}\u0000${postsOverridden.post_id[i]}`, Number(n)])
	);
	for (const override of overrides) {
		const n = postN.get(`${override.platform}\u0000${override.post_id}`);
		if (n === undefined || !position.has(programKey(override.program_source, override.program_id))) continue;
		overridden.set(n, [...(overridden.get(n) ?? []), override]);
	}

	// d3's extent loops: Math.min(...starts) overflows the call stack at a consortium's 150,000 programs.
	const [first, last] = extent(programs.start_ms, Number) as [number, number];
	// The posts that could promote a program, by text: a text is read once, for every post that carries it.
	// Matching reads instants to the second, so a post within the last program's second still counts.
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE relink_texts AS
		SELECT row_number() OVER () AS t, text, ns, times FROM (
			SELECT coalesce(text, '') AS text, list(rowid) AS ns,
				list(epoch_ms(date_trunc('second', published_at))) AS times
			FROM relink_posts
			WHERE promote AND published_at IS NOT NULL
				AND (epoch_ms(published_at) BETWEEN $1 AND $2 OR list_contains($3::BIGINT[], rowid))
			GROUP BY 1)`,
		[first - LONGEST_LEAD_MS, last + 1000, `[${[...overridden.keys()].join(',')}]`]
	);
	const texts = Number(
		(await queryColumns<{ n: bigint[] }>(connection, 'SELECT count(*) AS n FROM relink_texts')).n[0] ?? 0
	);

	const write = (n: number, matches: Iterable<PostMatch>) => {
		for (const match of matches) found.row(n, position.get(match.programId)!, match.reason, match.score);
	};
	// Matching is JavaScript on the server's one thread: pages and sign-ins are answered between slices.
	const pause = breather();
	for (let from = 0; from < texts; from += TEXT_CHUNK) {
		const chunk = await queryColumns<{ text: string[]; ns: bigint[][]; times: bigint[][] }>(
			connection,
			'SELECT text, ns, times FROM relink_texts WHERE t > $1 AND t <= $2',
			[from, from + TEXT_CHUNK]
		);
		for (let i = 0; i < chunk.text.length; i++) {
			const post = readPostText(chunk.text[i]!);
			const ns = chunk.ns[i]!;
			for (let j = 0; j < ns.length; j++) {
				await pause();
				const n = Number(ns[j]!);
				const matches = matcher.matchesOf(post, new Date(Number(chunk.times[i]![j]!)).toISOString());
				const decisions = overridden.get(n);
				if (!decisions) {
					write(n, matches);
					continue;
				}
				const final = new Map(matches.map((match) => [match.programId, match]));
				for (const decision of decisions) {
					const programId = programKey(decision.program_source, decision.program_id);
					if (decision.action === 'remove') final.delete(programId);
					else final.set(programId, { programId, reason: 'manual', score: 1 });
				}
				write(n, final.values());
			}
		}
	}
	found.close();
	await connection.run('DROP TABLE relink_texts');
}

/** Stores what repromotePosts worked out, inside the relink's transaction. */
export async function storePromotions(connection: DuckDBConnection): Promise<number> {
	const inserted = await connection.run(
		`INSERT INTO program_promotion_links (program_source, program_id, platform, post_id, reason, score)
		SELECT pr.source, pr.program_id, p.platform, p.post_id, m.reason, m.score
		FROM relink_matches m JOIN relink_posts p ON p.rowid = m.n JOIN relink_programs pr USING (position)`
	);
	return Number(inserted.rowsChanged);
}
