import { promotedVersusNot, type DidResult, type ProgramSession } from '../../stats';
import type { Database } from '../db/database';
import { byDataVersion } from '../db/version-cache';
import { getSettings } from '../settings';

export interface PromotionComparison {
	metric: string;
	label: string;
	result: DidResult;
}

/**
 * For each programs:attendance:<branch>:<word> outcome of a campaign: sessions of programs matching
 * the word in the year before the campaign and during it, a program being one title at one branch.
 * Promoted programs are the campaign's branch's, any a campaign post promoted, and those the
 * campaign names; the others in the same category are the comparison.
 */
type PromotedCampaign = { campaignId: number; startsOn: string; endsOn: string; outcomeMetrics: string[] };

/** Cached by data version: each comparison runs a permutation test. */
export function campaignPromotionComparisons(db: Database, campaign: PromotedCampaign): Promise<PromotionComparison[]> {
	const { campaignId, startsOn, endsOn, outcomeMetrics } = campaign;
	return byDataVersion(db, 'campaignPromotionComparisons', [campaignId, startsOn, endsOn, outcomeMetrics], () =>
		compareCampaignPromotions(db, campaign)
	);
}

async function compareCampaignPromotions(db: Database, campaign: PromotedCampaign): Promise<PromotionComparison[]> {
	const { timeZone } = await getSettings(db);
	const out: PromotionComparison[] = [];
	for (const metric of campaign.outcomeMetrics) {
		const [kind, name, branch, match] = metric.split(':');
		if (kind !== 'programs' || name !== 'attendance' || !match) continue;
		const rows = await db.query<{ program: string; grp: string; date: string; attendance: number; promoted: boolean }>(
			`SELECT p.title || ' @ ' || coalesce(p.branch, '') AS program, coalesce(p.category, 'programs') AS grp,
				strftime(CAST(timezone($tz, p.starts_at) AS DATE), '%Y-%m-%d') AS date, p.attendance,
				coalesce(p.branch = $branch, false) OR EXISTS (
					SELECT 1 FROM program_promotions pp JOIN campaign_posts cp USING (platform, post_id)
					WHERE pp.program_id = p.program_id AND pp.program_source = p.source AND cp.campaign_id = $campaign)
				OR p.title IN (SELECT unnest(promoted_programs) FROM campaigns WHERE campaign_id = $campaign) AS promoted
			 FROM programs p
			 WHERE NOT p.cancelled AND p.attendance IS NOT NULL
			   AND (p.title ILIKE '%' || $match || '%' OR coalesce(p.category, '') ILIKE '%' || $match || '%')
			   AND CAST(timezone($tz, p.starts_at) AS DATE) BETWEEN CAST($start AS DATE) - INTERVAL 365 DAY AND CAST($end AS DATE)
			 ORDER BY date`,
			{
				tz: timeZone,
				branch: branch ?? null,
				match,
				campaign: campaign.campaignId,
				start: campaign.startsOn,
				end: campaign.endsOn
			}
		);
		// A program is promoted when any of its sessions is; its sessions from the campaign's start carry the mark.
		const promotedPrograms = new Set(rows.filter((r) => r.promoted).map((r) => r.program));
		const sessions: ProgramSession[] = rows.map((r) => ({
			programId: r.program,
			group: r.grp,
			date: r.date,
			attendance: r.attendance,
			promoted: promotedPrograms.has(r.program) && r.date >= campaign.startsOn
		}));
		out.push({
			metric,
			label: `${match} programs${branch ? ` at ${branch}` : ''} against comparable ones elsewhere`,
			result: promotedVersusNot(sessions, { promotionStart: campaign.startsOn, seed: campaign.campaignId })
		});
	}
	return out;
}
