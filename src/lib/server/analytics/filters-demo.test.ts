/**
 * The Overview, Strategies, the Campaigns list and the board report under the dashboards' filters,
 * checked on the demo library against sums written here straight on the base tables (the records
 * each import loaded, not the views the pages read): a filter that is ignored, applied twice or
 * applied to a figure it cannot narrow shows up as a wrong number.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DashboardFilterQuery } from '../../domain/dashboard-filters';
import { reportParamsFromQuery, reportQuery, reportQueryForDashboard } from '../../domain/report-params';
import type { Database } from '../db/database';
import { demoDatabase } from '../db/test-support';
import { boardReport } from '../reports/board-report';
import { templateQuery } from '../reports/templates';
import { getSettings } from '../settings';
import { campaignsList } from './campaigns-list';
import { overview } from './overview';
import { strategyComparison } from './strategies';

type Range = { from: string; to: string };

describe('filters on the demo library, against sums on the base tables', () => {
	let db: Database;
	let tz: string;
	beforeAll(async () => {
		db = await demoDatabase();
		tz = (await getSettings(db)).timeZone;
	}, 180_000);

	const one = async (sql: string, params: Record<string, string | number | null>) =>
		Number((await db.query<{ n: unknown }>(sql, params))[0]?.n ?? 0);

	/** Each post once (its newest observation), the library's own, published in the range in the library's zone. */
	const POSTS = `(SELECT * FROM post_observations
		QUALIFY row_number() OVER (PARTITION BY platform, post_id ORDER BY observed_at DESC, import_id DESC) = 1)`;
	function postCount(range: Range, filters: DashboardFilterQuery) {
		return one(
			`SELECT count(*) AS n FROM ${POSTS} o
			 WHERE CAST(timezone($tz, o.published_at) AS DATE) BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
			 AND ($platform IS NULL OR o.platform = $platform)
			 AND ($strategy IS NULL OR EXISTS (SELECT 1 FROM post_strategy_labels l
				WHERE l.platform = o.platform AND l.post_id = o.post_id AND l.strategy = $strategy))
			 AND ($campaign IS NULL OR EXISTS (SELECT 1 FROM campaign_post_links c
				WHERE c.platform = o.platform AND c.post_id = o.post_id AND c.campaign_id = $campaign))`,
			{
				tz,
				...range,
				platform: filters.platform ?? null,
				strategy: filters.strategy ?? null,
				campaign: filters.campaign ?? null
			}
		);
	}
	function impressions(range: Range, platform: string) {
		return one(
			`SELECT sum(impressions) AS n FROM ${POSTS} o WHERE o.platform = $platform
			 AND CAST(timezone($tz, o.published_at) AS DATE) BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)`,
			{ tz, ...range, platform }
		);
	}
	/** Physical and digital checkouts of one branch, the months wholly inside the range. */
	function circulation(range: Range, branch: string) {
		return one(
			`SELECT sum(value) AS n FROM usage_records WHERE branch = $branch AND period = 'month'
			 AND metric IN ('circulation', 'digital_checkouts') AND period_start >= CAST($from AS DATE)
			 AND period_start + INTERVAL 1 MONTH - INTERVAL 1 DAY <= CAST($to AS DATE)`,
			{ ...range, branch }
		);
	}
	/** Attendance at programs held at one branch (and for one audience), on days inside the range. */
	function attendance(range: Range, branch: string | null, audience: string | null) {
		return one(
			`SELECT sum(attendance) AS n FROM program_records WHERE NOT cancelled
			 AND ($branch IS NULL OR branch = $branch) AND ($audience IS NULL OR list_contains(audiences, $audience))
			 AND CAST(timezone($tz, starts_at) AS DATE) BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)`,
			{ tz, ...range, branch, audience }
		);
	}

	it('the demo library has no collaboration posts, duplicate program rows or second imports of a file, so the sums above are exact', async () => {
		expect(await one(`SELECT count(*) AS n FROM posts WHERE collaborator IS NOT NULL`, {})).toBe(0);
		expect(await one(`SELECT count(*) - count(DISTINCT (source, program_id)) AS n FROM program_records`, {})).toBe(0);
	});

	const half = { from: '2026-01-01', to: '2026-06-30' };
	const halfBefore = { from: '2025-07-01', to: '2025-12-31' };
	const quarter = { from: '2026-04-01', to: '2026-06-30' };
	const quarterLastYear = { from: '2025-04-01', to: '2025-06-30' };

	it('Overview, branch Eastside + platform Instagram: attendance and circulation are Eastside’s, posts Instagram’s, each against the previous half', async () => {
		const filters = { branch: 'Eastside', platform: 'instagram' };
		const data = await overview(db, { ...half, compare: 'previous', filters });
		const kpi = (id: string) => data.kpis.find((k) => k.id === id)!;
		expect(kpi('posts').value).toBe(await postCount(half, filters));
		expect(kpi('posts').previous).toBe(await postCount(halfBefore, filters));
		expect(kpi('posts').value).toBeLessThan(await postCount(half, {}));
		expect(kpi('impressions').value).toBe(await impressions(half, 'instagram'));
		expect(kpi('circulation').value).toBe(await circulation(half, 'Eastside'));
		expect(kpi('circulation').previous).toBe(await circulation(halfBefore, 'Eastside'));
		expect(kpi('attendance').value).toBe(await attendance(half, 'Eastside', null));
		expect(kpi('attendance').previous).toBe(await attendance(halfBefore, 'Eastside', null));
		// Each figure says which filter it cannot take.
		expect(kpi('posts').notApplied).toMatch(/^Not narrowed by branch: posts carry no branch/);
		expect(kpi('circulation').notApplied).toMatch(/^Not narrowed by platform: circulation/);
		expect(kpi('attendance').notApplied).toMatch(/^Not narrowed by platform: programs/);
		expect(data.audience.every((row) => row.platform === 'instagram')).toBe(true);
		expect(data.weeklyEngagement.every((week) => week.platform === 'instagram')).toBe(true);
	});

	it('Overview, audience + strategy against the same quarter last year: attendance is that audience’s, posts that strategy’s', async () => {
		const [top] = await db.query<{ audience: string }>(
			`SELECT audience FROM (SELECT unnest(audiences) AS audience FROM program_records) GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1`
		);
		const audience = top!.audience;
		const filters = { audience, strategy: 'book_recommendations' as const };
		const data = await overview(db, { ...quarter, compare: 'year', filters });
		expect(data.previousRange).toEqual(quarterLastYear);
		const kpi = (id: string) => data.kpis.find((k) => k.id === id)!;
		expect(kpi('attendance').value).toBe(await attendance(quarter, null, audience));
		expect(kpi('attendance').previous).toBe(await attendance(quarterLastYear, null, audience));
		expect(kpi('attendance').value).toBeLessThan(await attendance(quarter, null, null));
		expect(kpi('posts').value).toBe(await postCount(quarter, filters));
		expect(kpi('posts').previous).toBe(await postCount(quarterLastYear, filters));
		// Circulation has no audience and no strategy: the whole library's, and said so.
		const all = (await overview(db, { ...quarter, compare: 'year' })).kpis.find((k) => k.id === 'circulation')!;
		expect(kpi('circulation').value).toBe(all.value);
		expect(kpi('circulation').notApplied).toBe(
			'Not narrowed by strategy or audience: circulation and visit figures carry no strategy or audience, so this counts every strategy or audience.'
		);
	});

	it('Overview, a campaign: its dates and its posts only; attendance is every program held in its dates', async () => {
		const [campaign] = await db.query<{ campaign_id: number; starts_on: string; ends_on: string }>(
			`SELECT campaign_id, strftime(starts_on, '%Y-%m-%d') AS starts_on, strftime(ends_on, '%Y-%m-%d') AS ends_on
			 FROM campaigns WHERE name = 'Staff Picks Winter 2026'`
		);
		const data = await overview(db, { compare: 'previous', filters: { campaign: campaign!.campaign_id } });
		const range = { from: campaign!.starts_on, to: campaign!.ends_on };
		expect(data.range).toEqual(range);
		const kpi = (id: string) => data.kpis.find((k) => k.id === id)!;
		expect(kpi('posts').value).toBe(await postCount(range, { campaign: campaign!.campaign_id }));
		expect(kpi('posts').value).toBeLessThan(await postCount(range, {}));
		expect(kpi('attendance').value).toBe(await attendance(range, null, null));
		expect(kpi('attendance').notApplied).toMatch(/The campaign sets the dates only/);
	});

	it('Strategies, platform X over a half year: each strategy’s posts are X’s classified posts of the half', async () => {
		const chosen = { range: half, platform: 'x' };
		const { rows, coverage } = await strategyComparison(db, chosen);
		const all = await postCount(half, { platform: 'x' });
		expect(coverage.posts).toBe(all);
		for (const row of rows)
			expect(row.posts, row.strategy).toBe(await postCount(half, { platform: 'x', strategy: row.strategy }));
		expect(coverage.posts).toBeLessThan((await strategyComparison(db)).coverage.posts);
		const only = await strategyComparison(db, { ...chosen, strategy: 'programs_showcase' });
		expect(only.rows.map((row) => row.strategy)).toEqual(['programs_showcase']);
	});

	it('the Campaigns list, branch + platform + strategy: the branch’s and library-wide campaigns of the strategy, figures of the platform’s posts', async () => {
		const all = await campaignsList(db, { compare: 'previous', filters: {} });
		const list = await campaignsList(db, {
			compare: 'previous',
			filters: { branch: 'Eastside', platform: 'instagram', strategy: 'programs_showcase' }
		});
		expect(list.campaigns.length).toBeGreaterThan(0);
		expect(list.campaigns.length).toBeLessThan(all.campaigns.length);
		for (const c of list.campaigns) {
			expect(c.strategy).toBe('programs_showcase');
			expect(c.branches.length === 0 || c.branches.includes('Eastside')).toBe(true);
			const posts = await one(
				`SELECT count(*) AS n FROM campaign_post_links WHERE campaign_id = $id AND platform = 'instagram'`,
				{ id: c.campaignId }
			);
			expect(c.posts, c.name).toBe(posts);
		}
	});

	it('the board report takes platform, strategy and audience from its query, keeps them in templates, and every section reads them', async () => {
		const query = reportQuery({ ...half, branches: ['Eastside'], platform: 'instagram', audience: 'Teens' });
		const params = reportParamsFromQuery(new URLSearchParams(query));
		expect(params).toMatchObject({ platform: 'instagram', audience: 'Teens', branches: ['Eastside'] });
		const template = { params: new URLSearchParams(query).toString(), period: 'last-quarter' as const };
		expect(reportParamsFromQuery(new URLSearchParams(templateQuery(template, '2026-07-15')))).toMatchObject({
			platform: 'instagram',
			audience: 'Teens',
			branches: ['Eastside']
		});
		const report = await boardReport(db, params, new Date('2026-11-01T12:00:00Z'));
		const kpi = (id: string) => report.overview.kpis.find((k) => k.id === id)!;
		expect(kpi('posts').value).toBe(await postCount(half, { platform: 'instagram' }));
		expect(kpi('attendance').value).toBe(await attendance(half, 'Eastside', 'Teens'));
		expect(kpi('attendance').value).toBeGreaterThan(0);
		expect(kpi('attendance').value).toBeLessThan(await attendance(half, 'Eastside', null));
		expect(kpi('circulation').value).toBe(await circulation(half, 'Eastside'));
		expect(report.overview.notApplied.usage).toMatch(/Not narrowed by platform or audience/);
		expect(report.summary.paragraphs[0]).toContain(
			'Its figures are limited to branch Eastside, platform Instagram and audience Teens, where a figure can be'
		);
		const strategyPosts = report.strategies!.coverage.posts;
		expect(strategyPosts).toBe(await postCount(half, { platform: 'instagram' }));
		expect(report.social!.months.reduce((sum, m) => sum + m.posts, 0)).toBe(
			await postCount({ from: half.from, to: half.to }, { platform: 'instagram' })
		);
	});

	it("the board report a dashboard's campaign filter links to counts that campaign's posts over its dates, as the Overview does", async () => {
		const [campaign] = await db.query<{ campaign_id: number; starts_on: string; ends_on: string }>(
			`SELECT campaign_id, strftime(starts_on, '%Y-%m-%d') AS starts_on, strftime(ends_on, '%Y-%m-%d') AS ends_on
			 FROM campaigns WHERE name = 'Staff Picks Winter 2026'`
		);
		const range = { from: campaign!.starts_on, to: campaign!.ends_on };
		const dashboard = await overview(db, { compare: 'previous', filters: { campaign: campaign!.campaign_id } });
		const query = new URLSearchParams(reportQueryForDashboard(dashboard.context));
		expect(query.getAll('campaign')).toEqual(['Staff Picks Winter 2026']);
		expect(query.get('posts')).toBe('campaign');
		const report = await boardReport(db, reportParamsFromQuery(query), new Date('2026-11-01T12:00:00Z'));
		expect(report.overview.range).toEqual(range);
		const kpi = (id: string) => report.overview.kpis.find((k) => k.id === id)!;
		const posts = await postCount(range, { campaign: campaign!.campaign_id });
		expect(kpi('posts').value).toBe(posts);
		expect(kpi('posts').value).toBeLessThan(await postCount(range, {}));
		expect(report.social!.months.reduce((sum, m) => sum + m.posts, 0)).toBe(posts);
		expect(report.strategies!.coverage.posts).toBe(posts);
		expect(kpi('attendance').value).toBe(await attendance(range, null, null));
		expect(report.summary.paragraphs[0]).toContain(
			'Its figures are limited to the posts of Staff Picks Winter 2026, where a figure can be'
		);
		expect(report.campaigns.map((c) => c.campaign.name)).toEqual(['Staff Picks Winter 2026']);
		// Without it, the same campaign named counts every post of the period.
		query.delete('posts');
		const every = await boardReport(db, reportParamsFromQuery(query), new Date('2026-11-01T12:00:00Z'));
		expect(every.overview.kpis.find((k) => k.id === 'posts')!.value).toBe(await postCount(range, {}));
	});
});
