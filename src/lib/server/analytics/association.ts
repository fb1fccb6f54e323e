import { prewhitenedCcf, type CcfResult } from '../../stats';
import { STRATEGY_LABELS, type Strategy } from '../../domain/campaigns';
import { PLATFORM_LABELS } from '../../domain/vocabulary';
import type { Database } from '../db/database';
import { getSettings } from '../settings';
import { outcomeSeries } from './campaigns';
import { withPostsSnapshot } from '../db/posts-snapshot';

export interface LaggedAssociation {
	socialLabel: string;
	outcomeLabel: string;
	period: 'week' | 'month';
	result: CcfResult;
}

/**
 * Engagements on the library's posts (or one campaign's) against an outcome, period by period, at
 * lags 0–8 after prewhitening. Periods without posts count 0 engagements. An association only.
 */
export async function laggedAssociation(
	db: Database,
	metric: string,
	campaignId?: number,
	posts: { platform?: string; strategy?: string } = {}
): Promise<LaggedAssociation | null> {
	db = await withPostsSnapshot(db);
	const outcome = await outcomeSeries(db, metric);
	if (!outcome || outcome.seasonal) return null;
	const { timeZone } = await getSettings(db);
	const social = await db.query<{ period_start: string; engagements: number }>(
		`SELECT strftime(date_trunc($period, CAST(timezone($tz, p.published_at) AS DATE)), '%Y-%m-%d') AS period_start, sum(coalesce(p.engagements, 0)) AS engagements
		 FROM posts p
		 WHERE ($campaign IS NULL OR (p.platform, p.post_id) IN (SELECT platform, post_id FROM campaign_posts WHERE campaign_id = $campaign))
			AND (CAST($platform AS VARCHAR) IS NULL OR p.platform = $platform)
			AND (CAST($strategy AS VARCHAR) IS NULL OR (p.platform, p.post_id) IN (SELECT platform, post_id FROM post_strategies WHERE strategy = $strategy))
		 GROUP BY 1`,
		{
			period: outcome.period,
			tz: timeZone,
			campaign: campaignId ?? null,
			platform: posts.platform ?? null,
			strategy: posts.strategy ?? null
		}
	);
	const byPeriod = new Map(social.map((row) => [row.period_start, row.engagements]));
	const x = outcome.points.map((point) => byPeriod.get(point.periodStart) ?? 0);
	const y = outcome.points.map((point) => point.value);
	return {
		socialLabel: `${campaignId ? "engagements on the campaign's posts" : 'engagements on all posts'}${posts.platform ? ` on ${PLATFORM_LABELS[posts.platform] ?? posts.platform}` : ''}${posts.strategy ? ` of the ${STRATEGY_LABELS[posts.strategy as Strategy] ?? posts.strategy} strategy` : ''}`,
		outcomeLabel: outcome.label,
		period: outcome.period,
		// Monthly outcomes have a 12-month season that an AR(8) cannot absorb; it is removed from both first.
		result: prewhitenedCcf(x, y, outcome.period === 'month' ? { seasonalPeriod: 12 } : {})
	};
}
