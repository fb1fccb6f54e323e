/** A campaign shaded on a dashboard's time charts and linked to its own page. */
export interface CampaignLink {
	campaignId: number;
	name: string;
	strategy: string;
	startsOn: string;
	endsOn: string;
	outcomeMetrics: string[];
}
