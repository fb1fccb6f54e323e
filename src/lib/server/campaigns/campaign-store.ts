import type { DuckDBConnection } from '@duckdb/node-api';
import type { CampaignInput } from '../../domain/campaigns';
import { queryRows } from '../db/database';

/** A JSON list parameter as VARCHAR[] (the node client cannot bind an empty list's type). */
const list = (n: number) => `CAST(CAST($${n} AS JSON) AS VARCHAR[])`;

const STORED: [column: string, value: string][] = [
	['name', '$1'],
	['strategy', '$2'],
	['starts_on', 'CAST($3 AS DATE)'],
	['ends_on', 'CAST($4 AS DATE)'],
	['branches', list(5)],
	['hashtags', list(6)],
	['outcome_metrics', list(7)],
	['description', '$8'],
	['keywords', list(9)],
	['link_domains', list(10)],
	['utm_campaigns', list(11)],
	['partner_accounts', list(12)],
	['budget', '$13'],
	['promoted_programs', list(14)]
];
const COLUMNS = STORED.map(([column]) => column).join(', ');
const VALUES = STORED.map(([, value]) => value).join(', ');
const ASSIGNMENTS = STORED.map(([column, value]) => `${column} = ${value}`).join(', ');

/** The stored columns of one campaign, in STORED's order: the file import and the campaign form write the same row. */
function values(c: CampaignInput) {
	return [
		c.name,
		c.strategy,
		c.starts_on,
		c.ends_on,
		JSON.stringify(c.branches),
		JSON.stringify(c.hashtags),
		JSON.stringify(c.outcome_metrics),
		c.description ?? null,
		JSON.stringify(c.keywords),
		JSON.stringify(c.link_domains),
		JSON.stringify(c.utm_campaigns),
		JSON.stringify(c.partner_accounts),
		c.budget ?? null,
		JSON.stringify(c.promoted_programs)
	];
}

/** Stores a new campaign, from an import or (import null) from the campaign form; returns its ID. */
export async function insertCampaign(
	connection: DuckDBConnection,
	importId: number | null,
	campaign: CampaignInput
): Promise<number> {
	const [row] = await queryRows<{ campaign_id: number }>(
		connection,
		`INSERT INTO campaign_records (${COLUMNS}, import_id) VALUES (${VALUES}, $15) RETURNING campaign_id`,
		[...values(campaign), importId]
	);
	return row!.campaign_id;
}

/** Replaces what a stored campaign says; it keeps its ID and the import it came with. */
export async function updateCampaign(
	connection: DuckDBConnection,
	campaignId: number,
	campaign: CampaignInput
): Promise<void> {
	await connection.run(`UPDATE campaign_records SET ${ASSIGNMENTS} WHERE campaign_id = $15`, [
		...values(campaign),
		campaignId
	]);
}
