import type { DuckDBConnection } from '@duckdb/node-api';
import { decodeEntitiesSql, hashtagsSql } from '../ingest/field-sql';
import { PUBLIC_VIEWS_SQL } from './views';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

/**
 * Versioned schema changes, applied once each and in order. Never edit a released migration:
 * add a new one, so that a newer Lantern can open an older database file.
 */
export const MIGRATIONS: Migration[] = [
	{
		version: 1,
		name: 'core tables',
		sql: `
CREATE SEQUENCE import_id_seq START 1;
CREATE TABLE import_log (
	import_id INTEGER PRIMARY KEY DEFAULT nextval('import_id_seq'),
	file_name VARCHAR NOT NULL,
	source VARCHAR,
	sha256 VARCHAR NOT NULL,
	status VARCHAR NOT NULL,
	rows_loaded BIGINT NOT NULL DEFAULT 0,
	error_count BIGINT NOT NULL DEFAULT 0,
	errors JSON,
	imported_at TIMESTAMPTZ NOT NULL,
	imported_by VARCHAR,
	is_demo BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE post_observations (
	import_id INTEGER NOT NULL,
	platform VARCHAR NOT NULL,
	account VARCHAR,
	post_id VARCHAR NOT NULL,
	observed_at TIMESTAMPTZ NOT NULL,
	published_at TIMESTAMPTZ,
	text VARCHAR,
	permalink VARCHAR,
	post_type VARCHAR,
	hashtags VARCHAR[],
	impressions BIGINT,
	impressions_basis VARCHAR,
	reach BIGINT,
	engagements BIGINT,
	likes BIGINT,
	comments BIGINT,
	shares BIGINT,
	saves BIGINT,
	clicks BIGINT,
	video_views BIGINT
);
CREATE TABLE program_records (
	import_id INTEGER NOT NULL,
	source VARCHAR NOT NULL,
	program_id VARCHAR NOT NULL,
	title VARCHAR,
	branch VARCHAR,
	category VARCHAR,
	audience VARCHAR,
	starts_at TIMESTAMPTZ,
	end_at TIMESTAMPTZ,
	location VARCHAR,
	audiences VARCHAR[],
	categories VARCHAR[],
	tags VARCHAR[],
	registrations BIGINT,
	attendance_in_person BIGINT,
	attendance_online BIGINT,
	attendance BIGINT,
	cancelled BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE usage_records (
	import_id INTEGER NOT NULL,
	branch VARCHAR NOT NULL,
	period_start DATE NOT NULL,
	period VARCHAR NOT NULL,
	metric VARCHAR NOT NULL,
	value DOUBLE
);
CREATE TABLE literacy_records (
	import_id INTEGER NOT NULL,
	branch VARCHAR NOT NULL,
	period_start DATE NOT NULL,
	period VARCHAR NOT NULL,
	program VARCHAR,
	age_group VARCHAR,
	metric VARCHAR NOT NULL,
	value DOUBLE
);
CREATE SEQUENCE campaign_id_seq START 1;
CREATE TABLE campaign_records (
	campaign_id INTEGER PRIMARY KEY DEFAULT nextval('campaign_id_seq'),
	import_id INTEGER,
	name VARCHAR NOT NULL,
	strategy VARCHAR NOT NULL,
	starts_on DATE NOT NULL,
	ends_on DATE NOT NULL,
	branches VARCHAR[] NOT NULL DEFAULT [],
	hashtags VARCHAR[] NOT NULL DEFAULT [],
	outcome_metrics VARCHAR[] NOT NULL DEFAULT [],
	description VARCHAR,
	archived BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE settings (
	key VARCHAR PRIMARY KEY,
	value VARCHAR NOT NULL
);
`
	},
	{
		version: 2,
		name: 'account daily figures, X account directory',
		sql: `
CREATE TABLE account_daily_records (
	import_id INTEGER NOT NULL,
	platform VARCHAR NOT NULL,
	account VARCHAR NOT NULL DEFAULT '',
	date DATE NOT NULL,
	observed_at TIMESTAMPTZ NOT NULL,
	followers BIGINT,
	new_follows BIGINT,
	impressions BIGINT,
	engagements BIGINT,
	profile_visits BIGINT,
	video_views BIGINT
);
CREATE TABLE x_account_sightings (
	import_id INTEGER NOT NULL,
	account_id VARCHAR NOT NULL,
	username VARCHAR,
	seen_at TIMESTAMPTZ NOT NULL
);
`
	},
	{
		version: 3,
		name: 'campaign matching, strategies, program promotions',
		sql: `
ALTER TABLE campaign_records ADD COLUMN keywords VARCHAR[];
ALTER TABLE campaign_records ADD COLUMN link_domains VARCHAR[];
ALTER TABLE campaign_records ADD COLUMN utm_campaigns VARCHAR[];
ALTER TABLE campaign_records ADD COLUMN partner_accounts VARCHAR[];
ALTER TABLE campaign_records ADD COLUMN budget DOUBLE;
-- No DEFAULT on added columns: DuckDB 1.5 cannot replay an ALTER … DEFAULT [] from its WAL.
-- Staff decisions outlive imports and rule edits, so they are keyed by names and post IDs, not import rows.
CREATE TABLE campaign_post_decisions (campaign_name VARCHAR NOT NULL, platform VARCHAR NOT NULL, post_id VARCHAR NOT NULL, action VARCHAR NOT NULL, decided_at TIMESTAMPTZ NOT NULL);
CREATE TABLE strategy_corrections (platform VARCHAR NOT NULL, post_id VARCHAR NOT NULL, strategy VARCHAR NOT NULL, corrected_at TIMESTAMPTZ NOT NULL);
CREATE TABLE promotion_decisions (program_source VARCHAR NOT NULL, program_id VARCHAR NOT NULL, platform VARCHAR NOT NULL, post_id VARCHAR NOT NULL, action VARCHAR NOT NULL, decided_at TIMESTAMPTZ NOT NULL);
-- Derived from posts, campaigns, programs and the decisions above; rebuilt after every change.
CREATE TABLE campaign_post_links (campaign_id INTEGER NOT NULL, platform VARCHAR NOT NULL, post_id VARCHAR NOT NULL, rule VARCHAR NOT NULL, manual BOOLEAN NOT NULL);
CREATE TABLE post_strategy_labels (platform VARCHAR NOT NULL, post_id VARCHAR NOT NULL, strategy VARCHAR, source VARCHAR, predicted VARCHAR, matched VARCHAR);
CREATE TABLE program_promotion_links (program_source VARCHAR NOT NULL, program_id VARCHAR NOT NULL, platform VARCHAR NOT NULL, post_id VARCHAR NOT NULL, reason VARCHAR NOT NULL, score DOUBLE NOT NULL);
`
	},
	{
		version: 4,
		name: 'outcome surveys, peer benchmarks',
		sql: `
CREATE TABLE survey_records (
	import_id INTEGER NOT NULL,
	response_id VARCHAR,
	survey_topic VARCHAR,
	survey_type VARCHAR,
	program VARCHAR,
	date DATE,
	branch VARCHAR,
	knowledge_text VARCHAR, knowledge TINYINT,
	confidence_text VARCHAR, confidence TINYINT,
	application_text VARCHAR, application TINYINT,
	awareness_text VARCHAR, awareness TINYINT,
	liked_most VARCHAR,
	learn_more VARCHAR
);
CREATE TABLE pls_records (
	import_id INTEGER NOT NULL,
	fiscal_year INTEGER NOT NULL,
	fscskey VARCHAR NOT NULL,
	libname VARCHAR,
	state VARCHAR,
	population BIGINT,
	visits BIGINT,
	totcir BIGINT,
	regbor BIGINT,
	totpro BIGINT,
	totatten BIGINT,
	kidpro BIGINT,
	kidatten BIGINT,
	hrs_open BIGINT,
	wifisess BIGINT,
	gpterms BIGINT,
	totopexp BIGINT
);
`
	},
	{
		version: 5,
		name: 'saved column mappings',
		sql: `
CREATE TABLE column_mappings (name VARCHAR NOT NULL, target VARCHAR NOT NULL, mapping JSON NOT NULL, saved_at TIMESTAMPTZ NOT NULL);
`
	},
	{
		version: 6,
		name: 'import notes (personal columns dropped)',
		sql: `
ALTER TABLE import_log ADD COLUMN notes VARCHAR;
`
	},
	{
		version: 7,
		name: 'account viewers (TikTok Viewers.csv)',
		sql: `
ALTER TABLE account_daily_records ADD COLUMN viewers BIGINT;
ALTER TABLE account_daily_records ADD COLUMN new_viewers BIGINT;
`
	},
	{
		version: 8,
		name: 'full text of long X posts (note-tweet.js)',
		sql: `
CREATE TABLE x_note_texts (import_id INTEGER NOT NULL, note_id VARCHAR NOT NULL, post_id VARCHAR, created_at TIMESTAMPTZ, text VARCHAR NOT NULL);
`
	},
	{
		version: 9,
		name: 'accounts, sessions and the audit log',
		sql: `
CREATE SEQUENCE user_id_seq START 1;
CREATE TABLE users (
	user_id INTEGER PRIMARY KEY DEFAULT nextval('user_id_seq'),
	email VARCHAR NOT NULL UNIQUE,
	name VARCHAR NOT NULL,
	role VARCHAR NOT NULL,
	branches VARCHAR[],
	password_hash VARCHAR,
	disabled BOOLEAN NOT NULL DEFAULT false,
	created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE sessions (
	token_hash VARCHAR PRIMARY KEY,
	user_id INTEGER NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	last_seen_at TIMESTAMPTZ NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE password_resets (
	token_hash VARCHAR PRIMARY KEY,
	user_id INTEGER NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL
);
CREATE SEQUENCE audit_id_seq START 1;
CREATE TABLE audit_log (
	audit_id INTEGER PRIMARY KEY DEFAULT nextval('audit_id_seq'),
	happened_at TIMESTAMPTZ NOT NULL,
	actor VARCHAR NOT NULL,
	action VARCHAR NOT NULL,
	detail VARCHAR
);
`
	},
	{
		version: 10,
		name: 'per-day post figures, Instagram stories, the account behind each Meta post',
		sql: `
-- Meta's Account ID / Page ID: tells the library's own posts from a partner's collaboration posts.
ALTER TABLE post_observations ADD COLUMN account_id VARCHAR;
-- A post's figures on one day (Meta's per-day export): a daily series, never a lifetime figure.
CREATE TABLE post_daily_records (
	import_id INTEGER NOT NULL,
	platform VARCHAR NOT NULL,
	account VARCHAR,
	account_id VARCHAR,
	post_id VARCHAR NOT NULL,
	content_type VARCHAR NOT NULL,
	day DATE NOT NULL,
	observed_at TIMESTAMPTZ NOT NULL,
	published_at TIMESTAMPTZ,
	impressions BIGINT,
	impressions_basis VARCHAR,
	reach BIGINT,
	engagements BIGINT,
	likes BIGINT,
	comments BIGINT,
	shares BIGINT,
	saves BIGINT,
	clicks BIGINT,
	video_views BIGINT
);
-- Instagram stories: their own content type, never counted as posts.
CREATE TABLE story_records (
	import_id INTEGER NOT NULL,
	platform VARCHAR NOT NULL,
	account VARCHAR,
	account_id VARCHAR,
	post_id VARCHAR NOT NULL,
	observed_at TIMESTAMPTZ NOT NULL,
	published_at TIMESTAMPTZ,
	text VARCHAR,
	permalink VARCHAR,
	impressions BIGINT,
	impressions_basis VARCHAR,
	reach BIGINT,
	engagements BIGINT,
	likes BIGINT,
	shares BIGINT,
	replies BIGINT,
	profile_visits BIGINT,
	link_clicks BIGINT,
	sticker_taps BIGINT,
	navigation BIGINT,
	follows BIGINT
);
`
	},
	{
		// X exports HTML-escape their text; imports now decode it, and this decodes what older ones stored
		// (once: `&amp;lt;` becomes `&lt;`), reading hashtags again from the decoded text (`it&#39;s` held "39").
		version: 11,
		name: 'X post text with its HTML entities decoded',
		sql: `
UPDATE post_observations SET text = ${decodeEntitiesSql('text')}, hashtags = ${hashtagsSql(decodeEntitiesSql('text'))}
WHERE platform = 'x' AND contains(text, '&');
UPDATE x_note_texts SET text = ${decodeEntitiesSql('text')} WHERE contains(text, '&');
`
	},
	{
		// Staff create campaigns in the app: one still running has no end yet, and may name the programs it promotes.
		version: 12,
		name: 'ongoing campaigns, campaigns naming their promoted programs',
		sql: `
ALTER TABLE campaign_records ALTER COLUMN ends_on DROP NOT NULL;
ALTER TABLE campaign_records ADD COLUMN promoted_programs VARCHAR[];
`
	},
	{
		version: 13,
		name: 'report archive, saved report templates, report schedules',
		sql: `
-- Every generated report: its file sits in the reports folder beside the database (reports/archive.ts).
-- params is the print page's query string as rendered, kept opaque so the report's own parameters can grow.
CREATE SEQUENCE report_id_seq START 1;
CREATE TABLE report_archive (
	report_id INTEGER PRIMARY KEY DEFAULT nextval('report_id_seq'),
	format VARCHAR NOT NULL,
	params VARCHAR NOT NULL,
	title VARCHAR NOT NULL,
	file_name VARCHAR,
	data_version VARCHAR,
	scope VARCHAR[],
	generated_by VARCHAR NOT NULL,
	render_as VARCHAR NOT NULL,
	source VARCHAR NOT NULL,
	template_id INTEGER,
	schedule_id INTEGER,
	requested_at TIMESTAMPTZ NOT NULL,
	finished_at TIMESTAMPTZ,
	bytes BIGINT,
	pages INTEGER,
	status VARCHAR NOT NULL,
	error VARCHAR,
	emailed_to VARCHAR[],
	emailed_at TIMESTAMPTZ,
	email_error VARCHAR
);
-- params holds everything but the dates, which the period rule gives on the day a report is made.
CREATE SEQUENCE report_template_id_seq START 1;
CREATE TABLE report_templates (
	template_id INTEGER PRIMARY KEY DEFAULT nextval('report_template_id_seq'),
	name VARCHAR NOT NULL UNIQUE,
	description VARCHAR NOT NULL DEFAULT '',
	params VARCHAR NOT NULL DEFAULT '',
	period VARCHAR NOT NULL,
	updated_by VARCHAR,
	updated_at TIMESTAMPTZ NOT NULL
);
INSERT INTO report_templates (name, description, params, period, updated_by, updated_at) VALUES
	('Monthly board packet', 'Last month against the same month a year earlier, for the monthly board meeting.', 'compare=year', 'last-month', 'system', now()),
	('Summer reading wrap-up', 'June to August against last summer: programs, attendance, circulation and the summer campaigns.', 'compare=year', 'summer', 'system', now());
-- handled_through: runs due up to this instant are done (or given up); the next is the first after it.
CREATE SEQUENCE report_schedule_id_seq START 1;
CREATE TABLE report_schedules (
	schedule_id INTEGER PRIMARY KEY DEFAULT nextval('report_schedule_id_seq'),
	template_id INTEGER NOT NULL,
	cadence VARCHAR NOT NULL,
	day_of_month INTEGER NOT NULL,
	weekday INTEGER NOT NULL,
	hour INTEGER NOT NULL,
	recipients VARCHAR[] NOT NULL,
	owner_user_id INTEGER,
	owner VARCHAR NOT NULL,
	enabled BOOLEAN NOT NULL DEFAULT true,
	created_at TIMESTAMPTZ NOT NULL,
	handled_through TIMESTAMPTZ NOT NULL,
	failures INTEGER NOT NULL DEFAULT 0,
	retry_at TIMESTAMPTZ,
	pending_report_id INTEGER,
	last_run_at TIMESTAMPTZ,
	last_status VARCHAR,
	last_error VARCHAR
);
`
	}
];

/** The versions already applied to this file (none for a new one), read without writing. */
async function appliedVersions(connection: DuckDBConnection): Promise<Set<number>> {
	const exists = await connection.runAndReadAll(
		`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'schema_migrations' AND NOT temporary`
	);
	if (Number(exists.getRowObjectsJS()[0]?.n ?? 0) === 0) return new Set();
	const reader = await connection.runAndReadAll('SELECT version FROM schema_migrations');
	return new Set(reader.getRowObjectsJS().map((row) => Number(row.version)));
}

/** How many migrations this file still needs (all of them for a new file). */
export async function pendingMigrations(connection: DuckDBConnection): Promise<number> {
	const applied = await appliedVersions(connection);
	return MIGRATIONS.filter((migration) => !applied.has(migration.version)).length;
}

export async function migrate(connection: DuckDBConnection): Promise<void> {
	await connection.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
	const applied = await appliedVersions(connection);
	const newest = Math.max(0, ...applied);
	const known = Math.max(...MIGRATIONS.map((m) => m.version));
	if (newest > known) {
		throw new Error(
			`This database was written by a newer Lantern (schema version ${newest}; this one knows up to ${known}). Update Lantern before opening it.`
		);
	}
	for (const migration of MIGRATIONS) {
		if (applied.has(migration.version)) continue;
		await connection.run('BEGIN TRANSACTION');
		try {
			await connection.run(migration.sql);
			const insert = await connection.prepare('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)');
			insert.bind([migration.version, migration.name]);
			await insert.run();
			await connection.run('COMMIT');
		} catch (error) {
			await connection.run('ROLLBACK').catch(() => undefined);
			throw new Error(
				`Migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
				{
					cause: error
				}
			);
		}
	}
	// Views hold no data, so they are simply recreated on every open to match this version's code.
	await connection.run(PUBLIC_VIEWS_SQL);
	// Schema changes go into the file now rather than waiting in the write-ahead log.
	await connection.run('CHECKPOINT');
}
