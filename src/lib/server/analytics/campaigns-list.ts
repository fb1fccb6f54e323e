import type { DashboardContext, DashboardQuery } from '../../domain/dashboard-filters';
import type { Database } from '../db/database';
import { campaignSummaries, type CampaignSummary } from './campaigns';
import { postsDashboardContext } from './dashboard-context';

export interface CampaignsList {
	context: DashboardContext;
	campaigns: CampaignSummary[];
	/** campaigns the filters leave out, so the page can say the list is narrowed */
	hidden: number;
}

/**
 * The Campaigns list under the dashboards' filters: a branch keeps the campaigns for that branch and
 * those for the whole library, a strategy or campaign keeps those, and a platform narrows every
 * campaign's figures to its posts on that platform (its baseline too).
 */
export async function campaignsList(db: Database, query: DashboardQuery): Promise<CampaignsList> {
	const context = await postsDashboardContext(db, query, ['branch', 'platform', 'campaign', 'strategy']);
	const { branch, strategy, campaign, platform } = context.filters;
	const all = await campaignSummaries(db, platform);
	const campaigns = all.filter(
		(c) =>
			(branch === undefined || c.branches.length === 0 || c.branches.includes(branch)) &&
			(strategy === undefined || c.strategy === strategy) &&
			(campaign === undefined || c.campaignId === campaign)
	);
	return { context, campaigns, hidden: all.length - campaigns.length };
}
