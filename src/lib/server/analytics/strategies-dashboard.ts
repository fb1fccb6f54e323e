import type { DashboardContext, DashboardQuery } from '../../domain/dashboard-filters';
import type { Database } from '../db/database';
import { postsDashboardContext } from './dashboard-context';
import { strategyComparison, type StrategyQuery } from './strategies';
import { unclassifiedPosts } from './unclassified-posts';

/** The range and post filters (platform, campaign, strategy) the Strategies page reads from its address. */
export function strategiesContext(db: Database, query: DashboardQuery): Promise<DashboardContext> {
	return postsDashboardContext(db, query, ['platform', 'campaign', 'strategy']);
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
		// The platform list is the posts' own platforms: empty exactly when the library has no posts.
		hasPosts: (context.options.platform?.length ?? 0) > 0,
		...(await strategyComparison(db, chosen)),
		unclassified: await unclassifiedPosts(db, page, undefined, chosen)
	};
}
