import type { DashboardContext, DashboardQuery } from '../../domain/dashboard-filters';
import { PLATFORM_LABELS } from '../../domain/vocabulary';
import type { Database } from '../db/database';
import { withPostsSnapshot } from '../db/posts-snapshot';
import { dashboardContext } from './dashboard-context';
import { strategyComparison, type StrategyQuery } from './strategies';
import { unclassifiedPosts } from './unclassified-posts';

/** The range and post filters (platform, campaign, strategy) the Strategies page reads from its address. */
export async function strategiesContext(db: Database, query: DashboardQuery): Promise<DashboardContext> {
	const context = await dashboardContext(await withPostsSnapshot(db), query, {
		lastDaySql: `SELECT max(CAST(timezone($tz, published_at) AS DATE)) AS last FROM posts`,
		offers: ['platform', 'campaign', 'strategy'],
		optionsSql: { platform: `SELECT DISTINCT platform AS value FROM posts ORDER BY value` }
	});
	context.options.platform = context.options.platform?.map((option) => ({
		value: option.value,
		label: PLATFORM_LABELS[option.value] ?? option.value
	}));
	return context;
}

/** The comparison's query for a dashboard context: its period and post filters. */
export function strategyQueryOf(context: DashboardContext): StrategyQuery {
	const { range, filters } = context;
	return { range, platform: filters.platform, campaign: filters.campaign, strategy: filters.strategy };
}

/** Everything the Strategies page shows for one query and page of unclassified posts. */
export async function strategiesDashboard(db: Database, query: DashboardQuery, page: number) {
	const context = await strategiesContext(db, query);
	const chosen = strategyQueryOf(context);
	return {
		context,
		...(await strategyComparison(db, chosen)),
		unclassified: await unclassifiedPosts(db, page, undefined, chosen)
	};
}
