import { localDate } from '../../calendar';
import type { CampaignFormErrors } from '../../domain/campaign-form';
import { CampaignInput } from '../../domain/campaigns';
import { SURVEY_OUTCOMES } from '../../domain/vocabulary';
import { recordAudit, type Actor } from '../auth/audit';
import { inTransaction, queryRows, type Database } from '../db/database';
import { getSettings } from '../settings';
import { insertCampaign, updateCampaign } from './campaign-store';
import { relinkCampaigns } from './relink';

/** A stored campaign as the form edits it: the campaign file's fields, the end null while it runs. */
export interface EditableCampaign {
	campaignId: number;
	campaign: CampaignInput;
	/** the import it came with (null when made in the app); removing that import removes it */
	importId: number | null;
}

export async function editableCampaign(db: Database, campaignId: number): Promise<EditableCampaign | null> {
	const [row] = await db.query<Record<string, unknown>>(
		`SELECT name, strategy, strftime(starts_on, '%Y-%m-%d') AS starts_on,
			CASE WHEN ongoing THEN NULL ELSE strftime(ends_on, '%Y-%m-%d') END AS ends_on, branches, hashtags, outcome_metrics,
			description, keywords, link_domains, utm_campaigns, partner_accounts, budget, promoted_programs, import_id
		FROM campaigns WHERE campaign_id = $1 AND NOT archived`,
		[campaignId]
	);
	if (!row) return null;
	const { import_id, ...stored } = row;
	const campaign = CampaignInput.parse(
		Object.fromEntries(Object.entries(stored).map(([key, value]) => [key, value ?? undefined]))
	);
	return { campaignId, campaign, importId: (import_id as number | null) ?? null };
}

export type SaveResult = { ok: true; campaignId: number } | { ok: false; errors: CampaignFormErrors };

/**
 * Why the name cannot be used: another stored campaign has it (in any case), which would make
 * decisions, labels and lists ambiguous. Null when it is free.
 */
export async function campaignNameProblem(db: Database, name: string, except: number | null): Promise<string | null> {
	const [row] = await db.query(
		'SELECT 1 AS found FROM campaigns WHERE lower(name) = lower($1) AND campaign_id IS DISTINCT FROM $2 AND NOT archived',
		[name, except]
	);
	return row === undefined ? null : `A campaign called “${name}” already exists.`;
}

/**
 * Stores a new campaign (campaignId null) or replaces a stored one, then relinks every post the way
 * an imported campaigns file is relinked, and records who did it. Staff decisions are kept by
 * campaign name, so a renamed campaign takes its decisions with it.
 */
export async function saveCampaign(
	db: Database,
	campaign: CampaignInput,
	options: { campaignId: number | null; actor: Actor; action?: string }
): Promise<SaveResult> {
	const { campaignId, actor } = options;
	const nameProblem = await campaignNameProblem(db, campaign.name, campaignId);
	if (nameProblem) return { ok: false, errors: { name: nameProblem } };
	const saved = await db.withConnection((connection) =>
		inTransaction(connection, async () => {
			if (campaignId === null) return insertCampaign(connection, null, campaign);
			const [stored] = await queryRows<{ name: string }>(
				connection,
				'SELECT name FROM campaign_records WHERE campaign_id = $1 AND NOT archived',
				[campaignId]
			);
			if (!stored) return null;
			await updateCampaign(connection, campaignId, campaign);
			if (stored.name !== campaign.name)
				await connection.run('UPDATE campaign_post_decisions SET campaign_name = $1 WHERE campaign_name = $2', [
					campaign.name,
					stored.name
				]);
			return campaignId;
		})
	);
	if (saved === null)
		return {
			ok: false,
			errors: { form: `Campaign ${campaignId} no longer exists (it may have been removed with its import).` }
		};
	db.markChanged();
	await relinkCampaigns(db);
	await recordAudit(
		db,
		actor,
		options.action ?? (campaignId === null ? 'campaign created' : 'campaign edited'),
		`campaign ${saved}: ${campaign.name}${campaign.ends_on ? `, ${campaign.starts_on} to ${campaign.ends_on}` : `, from ${campaign.starts_on}, ongoing`}`
	);
	return { ok: true, campaignId: saved };
}

/** Today in the library's time zone: the day a campaign closed now ends. */
export async function libraryToday(db: Database, now = new Date()): Promise<string> {
	return localDate(now.toISOString(), (await getSettings(db)).timeZone)!;
}

/**
 * Ends a campaign today (the library's date), keeping everything else; a campaign that starts
 * later than today cannot end before it starts, and one already ended keeps its end.
 */
export async function closeCampaign(
	db: Database,
	campaignId: number,
	actor: Actor,
	now = new Date()
): Promise<{ ok: true; endsOn: string } | { ok: false; message: string }> {
	const stored = await editableCampaign(db, campaignId);
	if (!stored) return { ok: false, message: `Campaign ${campaignId} does not exist.` };
	const today = await libraryToday(db, now);
	const { campaign } = stored;
	if (campaign.ends_on !== null && campaign.ends_on <= today)
		return { ok: false, message: `${campaign.name} already ended on ${campaign.ends_on}.` };
	if (campaign.starts_on > today)
		return {
			ok: false,
			message: `${campaign.name} starts on ${campaign.starts_on}, after today: change its dates instead.`
		};
	const result = await saveCampaign(
		db,
		{ ...campaign, ends_on: today },
		{ campaignId, actor, action: 'campaign closed' }
	);
	if (!result.ok) return { ok: false, message: Object.values(result.errors).join(' ') };
	return { ok: true, endsOn: today };
}

export interface CampaignChoices {
	branches: string[];
	/** imported programs by title, with how many sessions each has */
	programs: { title: string; sessions: number }[];
	/** outcome metrics the library has data for, in the campaign file's names */
	metrics: { value: string; label: string }[];
}

const words = (name: string) => name.replaceAll('_', ' ');

/** What the campaign form offers to pick from: the library's branches, programs and measured outcomes. */
export async function campaignChoices(db: Database): Promise<CampaignChoices> {
	const branches = (
		await db.query<{ branch: string }>(
			`SELECT DISTINCT branch FROM (SELECT branch FROM usage UNION ALL SELECT branch FROM programs UNION ALL SELECT branch FROM literacy)
			WHERE branch IS NOT NULL AND branch <> '' ORDER BY 1`
		)
	).map((row) => row.branch);
	const programs = await db.query<{ title: string; sessions: number }>(
		`SELECT title, count(*) AS sessions FROM programs WHERE title IS NOT NULL AND title <> '' GROUP BY title ORDER BY title`
	);
	const measured = await db.query<{ kind: string; metric: string; branch: string | null }>(
		`SELECT DISTINCT 'usage' AS kind, metric, branch FROM usage WHERE value IS NOT NULL
		UNION SELECT DISTINCT 'literacy', metric, branch FROM literacy WHERE value IS NOT NULL
		UNION SELECT DISTINCT 'programs', 'attendance', branch FROM programs WHERE attendance IS NOT NULL
		UNION SELECT DISTINCT 'surveys', s.outcome, NULL FROM survey_responses,
			(SELECT unnest(CAST(CAST($outcomes AS JSON) AS VARCHAR[])) AS outcome) s`,
		{ outcomes: JSON.stringify(SURVEY_OUTCOMES) }
	);
	const metrics = new Map<string, string>();
	const kindLabel: Record<string, string> = {
		usage: 'Usage',
		literacy: 'Summer reading',
		programs: 'Programs',
		surveys: 'Survey agreement'
	};
	for (const { kind, metric } of measured)
		metrics.set(`${kind}:${metric}`, `${kindLabel[kind]}: ${words(metric)}, all branches`);
	for (const { kind, metric, branch } of measured)
		if (branch && kind !== 'surveys')
			metrics.set(`${kind}:${metric}:${branch}`, `${kindLabel[kind]}: ${words(metric)} at ${branch}`);
	return {
		branches,
		programs,
		metrics: [...metrics].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label))
	};
}
