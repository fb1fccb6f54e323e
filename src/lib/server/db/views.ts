import { hashtagsSql } from '../ingest/field-sql';

/** The figures of account_daily_records, each merged on its own in the account_daily view. */
const ACCOUNT_FIGURES = [
	'followers',
	'new_follows',
	'impressions',
	'engagements',
	'profile_visits',
	'video_views',
	'viewers',
	'new_viewers'
];

/**
 * The library's own accounts on the Meta platforms, where an export also carries partners'
 * collaboration posts. A Meta Business Suite export is always of one page or account, whose own posts
 * are the bulk of it (the 13 posts of a Westside export are all Westside's; a partner's collaboration
 * post is one row among them), so each export's own account is the one most of its rows carry, ties
 * going to the account with more posts in every upload. Decided per export rather than over all
 * uploads, so a library that uploads exports of two of its accounts (main and teen) keeps both as its
 * own; not from the file name, which staff rename and whose number Meta does not document as the page.
 * Keyed by Meta's Account ID / Page ID, which survive a renamed handle; older rows without one are own.
 */
const OWN_ACCOUNTS_SQL = `SELECT DISTINCT platform, account_id FROM (
		SELECT import_id, platform, account_id FROM (
			SELECT *, sum(in_export) OVER (PARTITION BY platform, account_id) AS everywhere FROM (
				SELECT import_id, platform, account_id, count(*) AS in_export
				FROM post_observations WHERE account_id IS NOT NULL GROUP BY import_id, platform, account_id))
		QUALIFY row_number() OVER (PARTITION BY import_id, platform ORDER BY in_export DESC, everywhere DESC, account_id) = 1)`;

/**
 * The public schema: views analysts may query with any DuckDB client. Documented in README.md;
 * columns are only ever added. Recreated after every migration.
 */
export const PUBLIC_VIEWS_SQL = `
CREATE OR REPLACE VIEW imports AS
SELECT import_id, file_name, source, sha256, status, rows_loaded, imported_at, error_count, is_demo
FROM import_log;

-- One row per post: its newest observation wins (later export, then later import). Newest, not
-- highest: Meta recounts (Impressions became Views in 2025; invalid traffic is removed later), so a
-- lower figure in a newer export is the platform's current count, and taking each metric's maximum
-- would mix one export's impressions with another's engagements. The import report names every post
-- whose figure went down (ingest/post-notes.ts), so no total falls silently.
-- A long X post takes its full text from the archive's note-tweet.js: by the post ID when the note
-- names it, else the note written at the same second, and its hashtags gain those after the cut.
-- collaborator: on Meta posts, the partner account of a collaboration post (see own_accounts).
CREATE OR REPLACE VIEW posts AS
WITH newest AS (
	SELECT * FROM post_observations
	QUALIFY row_number() OVER (PARTITION BY platform, post_id ORDER BY observed_at DESC, import_id DESC) = 1
), by_id AS (
	SELECT post_id, arg_max(text, import_id) AS text FROM x_note_texts WHERE post_id IS NOT NULL GROUP BY post_id
), by_time AS (
	SELECT date_trunc('second', created_at) AS created_at, arg_max(text, import_id) AS text
	FROM x_note_texts WHERE post_id IS NULL AND created_at IS NOT NULL GROUP BY 1
), own AS (
	${OWN_ACCOUNTS_SQL}
)
SELECT n.platform, n.account, n.post_id, n.published_at,
	coalesce(by_id.text, by_time.text, n.text) AS text,
	n.permalink, n.post_type,
	CASE WHEN coalesce(by_id.text, by_time.text) IS NULL THEN n.hashtags
		ELSE list_distinct(list_concat(n.hashtags, ${hashtagsSql('coalesce(by_id.text, by_time.text)')})) END AS hashtags,
	n.impressions, n.reach, n.engagements, n.likes, n.comments, n.shares, n.saves, n.clicks, n.video_views,
	n.impressions_basis, n.import_id,
	CASE WHEN n.account_id IS NOT NULL AND own.account_id IS NULL THEN coalesce(n.account, n.account_id) END AS collaborator
FROM newest n
LEFT JOIN by_id ON n.platform = 'x' AND by_id.post_id = n.post_id
LEFT JOIN by_time
	ON n.platform = 'x' AND by_id.text IS NULL AND by_time.created_at = date_trunc('second', n.published_at)
LEFT JOIN own ON own.platform = n.platform AND own.account_id = n.account_id;

-- A post's figures day by day (Meta's per-day export), for a post's first-week curve. Never a
-- lifetime figure: the posts view does not read them. A later export of the same day wins.
CREATE OR REPLACE VIEW post_daily AS
SELECT platform, account, post_id, content_type, day, published_at, impressions, impressions_basis, reach,
	engagements, likes, comments, shares, saves, clicks, video_views, import_id
FROM post_daily_records
QUALIFY row_number() OVER (PARTITION BY platform, post_id, content_type, day ORDER BY observed_at DESC, import_id DESC) = 1;

-- Instagram stories, one row per story (its newest observation): their own content type, never posts.
CREATE OR REPLACE VIEW stories AS
SELECT platform, account, post_id, published_at, text, permalink, impressions, impressions_basis, reach, engagements,
	likes, shares, replies, profile_visits, link_clicks, sticker_taps, navigation, follows, import_id
FROM story_records
QUALIFY row_number() OVER (PARTITION BY platform, post_id ORDER BY observed_at DESC, import_id DESC) = 1;

-- Every observation of every post, for charting growth over time.
CREATE OR REPLACE VIEW post_snapshots AS
SELECT platform, post_id, observed_at, impressions, reach, engagements, likes, comments, shares, saves,
	clicks, video_views, import_id
FROM post_observations;

-- Account-level daily figures; the newest export wins for a day.
-- Several exports fill one day (TikTok's Overview and FollowerHistory, LinkedIn's content and
-- followers files): each figure comes from the newest export that has it, so one file never blanks
-- another's figures.
CREATE OR REPLACE VIEW account_daily AS
SELECT platform, account, date,
	${ACCOUNT_FIGURES.map((figure) => `arg_max(${figure}, (observed_at, import_id)) FILTER (WHERE ${figure} IS NOT NULL) AS ${figure}`).join(',\n\t')},
	max(import_id) AS import_id
FROM account_daily_records
GROUP BY platform, account, date;

-- X account IDs and the handles they were seen with; handles change, so each pairing is kept.
CREATE OR REPLACE VIEW x_accounts AS
SELECT account_id, username, min(seen_at) AS first_seen, max(seen_at) AS last_seen
FROM x_account_sightings
GROUP BY account_id, username;

CREATE OR REPLACE VIEW programs AS
SELECT program_id, source, title, branch, category, audience, starts_at, registrations, attendance,
	end_at, location, audiences, categories, tags, attendance_in_person, attendance_online, cancelled,
	import_id
FROM program_records
QUALIFY row_number() OVER (PARTITION BY source, program_id ORDER BY import_id DESC) = 1;

CREATE OR REPLACE VIEW usage AS
SELECT branch, period_start, period, metric, value, import_id
FROM usage_records
QUALIFY row_number() OVER (PARTITION BY branch, period_start, period, metric ORDER BY import_id DESC) = 1;

CREATE OR REPLACE VIEW literacy AS
SELECT branch, period_start, period, program, age_group, metric, value, import_id
FROM literacy_records
QUALIFY row_number() OVER (
	PARTITION BY branch, period_start, period, program, age_group, metric ORDER BY import_id DESC) = 1;

-- A campaign still running (no end date) reads as ending today, so every window stays a closed range:
-- today in the library's zone (Settings), as closing a campaign reads it, not the server's (current_date).
CREATE OR REPLACE VIEW campaigns AS
SELECT campaign_id, name, strategy, starts_on,
	coalesce(ends_on, CAST(timezone(coalesce((SELECT value FROM settings WHERE key = 'timeZone'), current_setting('TimeZone')), now()) AS DATE)) AS ends_on,
	ends_on IS NULL AS ongoing,
	branches, hashtags, outcome_metrics, description, archived, import_id, keywords, link_domains, utm_campaigns,
	partner_accounts, budget, coalesce(promoted_programs, []) AS promoted_programs
FROM campaign_records;

-- One row per outcome-survey response; each statement both as written and on the 1–5 scale.
CREATE OR REPLACE VIEW survey_responses AS
SELECT response_id, survey_topic, survey_type, program, date, branch,
	knowledge_text, knowledge, confidence_text, confidence, application_text, application, awareness_text, awareness,
	liked_most, learn_more, import_id
FROM survey_records;

-- IMLS Public Libraries Survey, one row per library system and fiscal year (the newest import wins).
CREATE OR REPLACE VIEW pls AS
SELECT fiscal_year, fscskey, libname, state, population, visits, totcir, regbor, totpro, totatten, kidpro, kidatten,
	hrs_open, wifisess, gpterms, totopexp, import_id
FROM pls_records
QUALIFY row_number() OVER (PARTITION BY fiscal_year, fscskey ORDER BY import_id DESC) = 1;

CREATE OR REPLACE VIEW campaign_posts AS
SELECT campaign_id, platform, post_id, rule, manual FROM campaign_post_links;

-- source: campaign | rule | manual; matched: the words the classifier matched, for people.
CREATE OR REPLACE VIEW post_strategies AS
SELECT platform, post_id, strategy, source, matched FROM post_strategy_labels WHERE strategy IS NOT NULL;

CREATE OR REPLACE VIEW program_promotions AS
SELECT program_id, platform, post_id, program_source, reason, score FROM program_promotion_links;
`;
