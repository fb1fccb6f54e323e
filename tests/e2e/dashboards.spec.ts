import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	demoAttendance,
	demoGateRise,
	demoHeldPrograms,
	demoNumber,
	demoRows,
	demoSum,
	demoXPosts
} from '../../src/lib/server/analytics/demo-files';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/lib/csv-parse';
import { hydrated } from '../support/hydrated';

/** The filter form: the page's tables and charts also name branches and campaigns. */
const filters = (page: Page) => page.getByRole('form', { name: 'Filters' });
const count = (value: number) => new Intl.NumberFormat('en-US').format(value);

/** A table's cells as the page shows them, and as its "Download this table (CSV)" button's file holds them. */
async function shownAndDownloaded(page: Page, container: Locator) {
	const shown = await container
		.locator('tr')
		.evaluateAll((rows) =>
			rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent.trim()))
		);
	const download = page.waitForEvent('download');
	await container.getByRole('button', { name: 'Download this table (CSV)' }).click();
	const file = await download;
	const csv = readFileSync(await file.path(), 'utf8');
	return {
		shown,
		downloaded: parseCsv(csv).map((row) => row.map((cell) => cell.value)),
		fileName: file.suggestedFilename()
	};
}

// A newcomer's question, from the dashboards alone: did the summer reading push work, and at which
// branch? Then the other three dashboards, each with a filter chosen in the form and kept in the
// address. The figures checked here are the demo library's, which the unit tests check against its files.

test.describe('the dashboards of the demo library', () => {
	test('Literacy answers "did the summer reading push work, and at which branch?"', async ({ page }) => {
		await page.goto('/overview');
		await hydrated(page);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Literacy' }).click();
		await expect(page.getByRole('heading', { name: 'Literacy', level: 1 })).toBeVisible();
		await hydrated(page);
		await filters(page).getByLabel('Campaign').selectOption({ label: '#MapleSummerReads 2026' });
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/campaign=\d+/);
		await expect(page.getByTestId('active-filters')).toContainText('Filters on: campaign #MapleSummerReads 2026');
		await expect(page.getByTestId('active-filters')).toContainText(
			'May 25, 2026 – Aug 14, 2026 against same period last year'
		);
		// 2026's summer against 2025's, over the campaign's weeks: the demo's registrations rose at every branch.
		const branches = page.getByRole('figure', { name: 'Summer reading registrations by branch' });
		await expect(branches.locator('figcaption p')).toContainText(/Registrations rose at every branch .*most at \w+/);
		await expect(branches.locator('svg').first()).toBeVisible();
		const registered = page.getByRole('article', { name: 'Registered' });
		const inWindow = (row: Record<string, string>) =>
			row.metric === 'registrations' && row.period_start! >= '2026-05-25' && row.period_start! <= '2026-08-14';
		await expect(registered.locator('.value')).toHaveText(count(demoSum('summer_reading_2024_2026.csv', inWindow)));
		await expect(registered).toContainText('vs same period last year');
		await page.getByRole('link', { name: '#MapleSummerReads 2026: campaign impact' }).click();
		await expect(page.getByRole('heading', { name: '#MapleSummerReads 2026', level: 1 })).toBeVisible();

		// The campaign's page estimates the push at each branch, each on its own weekly registrations.
		const byBranch = page.getByRole('region', { name: 'Impact on summer reading registrations, branch by branch' });
		await expect(byBranch.getByTestId('branch-effects-finding')).toContainText(/Central|Eastside|Riverside/);
		const rows = byBranch.getByRole('table').locator('tbody tr');
		await expect(rows).toHaveCount(3);
		for (const [i, branch] of ['Central', 'Eastside', 'Riverside'].entries()) {
			const row = rows.nth(i);
			await expect(row.getByRole('rowheader')).toHaveText(branch);
			const weeks = new Set<string>();
			const total = demoSum('summer_reading_2024_2026.csv', (r) => {
				const keep = inWindow(r) && r.branch === branch;
				if (keep) weeks.add(r.period_start!);
				return keep;
			});
			// The average a week, shown to three significant digits.
			const actual = Number((await row.getByRole('cell').first().textContent())!.replaceAll(',', ''));
			expect(actual, branch).toBe(Number((total / weeks.size).toPrecision(3)));
			await expect(row.getByRole('link', { name: branch })).toHaveAttribute(
				'href',
				new RegExp(`/explore\\?metric=literacy%3Aregistrations%3A${branch}&campaign=\\d+`)
			);
		}
	});

	test('a one-month campaign reads as one month, its effect drawn as a point with its interval', async ({ page }) => {
		await page.goto('/campaigns');
		await page.getByRole('link', { name: 'Library Card Month 2025' }).click();
		await expect(page.getByRole('heading', { name: 'Library Card Month 2025', level: 1 })).toBeVisible();
		await hydrated(page);
		const panel = page.getByRole('region', { name: 'Impact on new cards per month' });
		await expect(panel.locator('caption').filter({ hasText: 'Post-period summary' })).toContainText(
			'Post-period summary (1 month;'
		);
		const effect = panel.locator('svg[aria-label="Effect each period"]');
		await expect(effect.locator('g[data-mark="dot"] circle')).toHaveCount(1);
	});

	test("a table's and a chart's CSV downloads hold what the page shows, made when asked for", async ({ page }) => {
		await page.goto('/usage?from=2026-01-01&to=2026-06-30');
		await hydrated(page);
		// The file is made in the browser when the button is pressed: the page carries no copy of it.
		expect(await page.locator('a[href^="data:text/csv"]').count()).toBe(0);
		const table = await shownAndDownloaded(page, page.getByRole('region', { name: 'Usage by branch' }));
		expect(table.fileName).toBe('usage-branches.csv');
		expect(table.downloaded).toEqual(table.shown);
		expect(table.shown.map((row) => row[0])).toContain('Eastside');

		const figure = page.getByRole('figure', { name: /Circulation by branch, month by month/ });
		await figure.getByText(/^Data table:/).click();
		const chart = await shownAndDownloaded(page, figure);
		expect(chart.downloaded).toEqual(chart.shown);
		// January to June: six months and the header.
		expect(chart.shown).toHaveLength(7);
	});

	test('Usage, Programs and Social keep their filters in the address and say which are on', async ({ page }) => {
		await page.goto('/usage?from=2026-01-01&to=2026-06-30');
		await hydrated(page);
		await filters(page).getByLabel('Branch').selectOption('Eastside');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/branch=Eastside/);
		await expect(page).toHaveURL(/from=2026-01-01/);
		await expect(page.getByTestId('active-filters')).toContainText('Filters on: branch Eastside');
		const table = page
			.getByRole('region', { name: 'Usage by branch' })
			.or(page.locator('section', { hasText: 'Usage by branch' }));
		await expect(table.getByRole('rowheader', { name: 'Eastside' })).toBeVisible();
		await expect(table.getByRole('rowheader', { name: 'Central' })).toHaveCount(0);
		const eastsideCirculation = demoSum(
			'usage_monthly_2023-11_2026-10.csv',
			(row) =>
				row.branch === 'Eastside' &&
				['circulation', 'digital_checkouts'].includes(row.metric!) &&
				row.period_start! >= '2026-01-01' &&
				row.period_start! <= '2026-06-01'
		);
		await expect(page.getByRole('article', { name: 'Circulation' }).locator('.value')).toHaveText(
			count(eastsideCirculation)
		);

		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programs' }).click();
		await hydrated(page);
		await filters(page).getByLabel('Audience').selectOption('Teens');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/audience=Teens/);
		await expect(page.getByTestId('active-filters')).toContainText('audience Teens');
		await expect(page.getByRole('figure', { name: 'Attendance by category' })).toBeVisible();

		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Social' }).click();
		await hydrated(page);
		await filters(page).getByLabel('Platform').selectOption({ label: 'Instagram' });
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/platform=instagram/);
		await expect(page.getByTestId('active-filters')).toContainText('platform Instagram');
		await expect(
			page
				.getByRole('region', { name: 'Top posts' })
				.getByRole('link', { name: /Open the post/ })
				.first()
		).toBeVisible();
		await expect(page.getByText('Engagements ÷ impressions, over posts that report both')).toBeVisible();
	});

	test('Overview and Campaigns keep their choices in the address, state them and show the stored figures', async ({
		page
	}) => {
		await page.goto('/overview?from=2026-01-01&to=2026-06-30');
		await hydrated(page);
		await page.getByLabel('Compare with').selectOption('year');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/from=2026-01-01&to=2026-06-30&compare=year/);
		await expect(
			page.getByText('Jan 1, 2026 – Jun 30, 2026, compared with same period last year (Jan 1, 2025 – Jun 30, 2025)')
		).toBeVisible();
		const circulation = (from: string, to: string) =>
			demoSum(
				'usage_monthly_2023-11_2026-10.csv',
				(row) =>
					['circulation', 'digital_checkouts'].includes(row.metric!) &&
					row.period_start! >= from &&
					row.period_start! <= to
			);
		const card = page.getByRole('article', { name: 'Circulation' });
		await expect(card.locator('.value')).toHaveText(count(circulation('2026-01-01', '2026-06-01')));
		const change = circulation('2026-01-01', '2026-06-01') / circulation('2025-01-01', '2025-06-01') - 1;
		await expect(card).toContainText(`${change >= 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(1)}%`);
		await expect(card).toContainText('Physical and digital checkouts');

		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
		const row = page.getByRole('row').filter({ hasText: 'Storytime at Eastside' });
		const listed = Number((await row.getByRole('cell').nth(2).innerText()).replace(/\D/g, ''));
		await row.getByRole('link', { name: 'Storytime at Eastside' }).click();
		await expect(page.getByRole('heading', { name: 'Storytime at Eastside', level: 1 })).toBeVisible();
		const figures = page.getByRole('region', { name: 'Campaign figures' });
		await expect(figures).toContainText(`Posts${count(listed)}`);
		await expect(page.getByTestId('posts-shown')).toContainText(
			listed > 50 ? `of ${count(listed)}, newest first` : `${count(listed)} posts, newest first`
		);
	});

	test('Social, Programs and Strategies show what the demo files hold for the range and filters chosen', async ({
		page
	}) => {
		// Social: X only, over a quarter, against the quarter before.
		await page.goto('/social?from=2026-04-01&to=2026-06-30');
		await hydrated(page);
		await filters(page).getByLabel('Platform').selectOption({ label: 'X' });
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/platform=x/);
		const quarter = demoXPosts('2026-04-01', '2026-06-30');
		const sum = (rows: Record<string, string>[], column: string) =>
			rows.reduce((total, row) => total + demoNumber(row[column]), 0);
		await expect(page.getByRole('article', { name: 'Posts', exact: true }).locator('.value')).toHaveText(
			count(quarter.length)
		);
		await expect(page.getByRole('article', { name: 'Impressions (views)', exact: true }).locator('.value')).toHaveText(
			count(sum(quarter, 'impressions'))
		);
		await expect(page.getByRole('article', { name: 'Engagements', exact: true }).locator('.value')).toHaveText(
			count(sum(quarter, 'engagements'))
		);
		await expect(page.getByRole('article', { name: 'Posts', exact: true })).toContainText(
			count(demoXPosts('2026-01-01', '2026-03-31').length)
		);

		// Strategies keeps the range and the platform; its posts are the same X posts.
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Strategies' }).click();
		await hydrated(page);
		await expect(page).toHaveURL(/platform=x/);
		await expect(page.getByTestId('active-filters')).toContainText('platform X');
		await expect(page.getByTestId('strategy-coverage')).toContainText(
			new RegExp(`(of|All)\\s+${count(quarter.length)}\\s+posts\\s+carry`)
		);

		// Programs: teens' programs at Central in the first half, against the same half a year before.
		await page.goto('/programs?from=2026-01-01&to=2026-06-30&compare=year');
		await hydrated(page);
		await filters(page).getByLabel('Branch').selectOption('Central');
		await filters(page).getByLabel('Audience').selectOption('Teens');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/audience=Teens/);
		await expect(page).toHaveURL(/branch=Central/);
		await expect(page.getByTestId('active-filters')).toContainText('branch Central');
		const teensAtCentral = (row: Record<string, string>) =>
			row.Campus === 'Central' &&
			row
				.Audiences!.split(',')
				.map((audience) => audience.trim())
				.includes('Teens');
		const now = demoHeldPrograms('2026-01-01', '2026-06-30').filter(teensAtCentral);
		const before = demoHeldPrograms('2025-01-01', '2025-06-30').filter(teensAtCentral);
		expect(now.length).toBeGreaterThan(0);
		await expect(page.getByRole('article', { name: 'Attendance', exact: true }).locator('.value')).toHaveText(
			count(demoAttendance(now))
		);
		await expect(page.getByRole('article', { name: 'Attendance', exact: true })).toContainText(
			count(demoAttendance(before))
		);
		await expect(page.getByRole('article', { name: 'Programs held', exact: true }).locator('.value')).toHaveText(
			count(now.length)
		);
	});

	test('Library narrows its door counts and survey answers to the range and branch chosen, and says so', async ({
		page
	}) => {
		await page.goto('/library?from=2026-01-01&to=2026-03-31');
		await hydrated(page);
		await filters(page).getByLabel('Branch').selectOption('Riverside');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/branch=Riverside/);
		await expect(page.getByTestId('active-filters')).toHaveText(
			'Filters on: branch Riverside. Period: Jan 1, 2026 – Mar 31, 2026.'
		);
		// No comparison on this page, so none is offered.
		await expect(filters(page).getByLabel('Compare with')).toHaveCount(0);
		const days = demoRows('libinsight_gate_counts_2025-11_2026-10.csv').filter(
			(row) => row.branch === 'Riverside' && row.date! >= '2026-01-01' && row.date! <= '2026-03-31'
		);
		const visits = days.reduce((sum, row) => sum + demoGateRise(row.gate_start!, row.gate_end!), 0);
		const doors = page.getByRole('figure', { name: 'Visits counted at the door' });
		await expect(doors.locator('figcaption p')).toContainText(
			`${count(visits)} visits over ${count(days.length)} days`
		);
		const answers = demoRows('project_outcome_responses_2026.csv').filter(
			(row) => row.Branch === 'Riverside' && row.Date! >= '2026-01-01' && row.Date! <= '2026-03-31'
		);
		const surveys = page.getByRole('table', { name: 'Outcome survey agreement by topic' });
		for (const topic of new Set(answers.map((row) => row['Survey Topic']!)))
			await expect(surveys.getByRole('rowheader', { name: topic })).toBeVisible();
		await expect(surveys.getByRole('row')).toHaveCount(1 + new Set(answers.map((row) => row['Survey Topic'])).size);
	});

	test('Strategies counts the unclassified posts and staff classify one from the keyboard', async ({ page }) => {
		await page.goto('/strategies');
		await hydrated(page);
		const coverage = page.getByTestId('strategy-coverage');
		const numbers = async () => {
			const [carrying, all, unclassified] = ((await coverage.innerText()).match(/[\d,]+(?= )/g) ?? []).map((n) =>
				Number(n.replace(/,/g, ''))
			);
			return { carrying: carrying!, all: all!, unclassified: unclassified! };
		};
		const before = await numbers();
		expect(before.carrying + before.unclassified).toBe(before.all);
		// The strategies' rows add up to the posts that carry one.
		const strategies = page.getByRole('table', { name: 'Strategies compared' });
		const postsIn = async (label: string) =>
			Number(
				(
					await strategies
						.getByRole('row', { name: new RegExp(label) })
						.getByRole('cell')
						.first()
						.innerText()
				).replace(/\D/g, '')
			);
		let rowSum = 0;
		for (const label of [
			'Programs and events',
			'Success stories',
			'Community engagement',
			'User-generated',
			'Book recommendations',
			'Partner collaborations'
		])
			rowSum += await postsIn(label);
		expect(rowSum).toBe(before.carrying);

		await coverage.getByRole('link', { name: 'Classify them' }).click();
		const list = page.getByRole('region', { name: 'Unclassified posts' });
		await expect(list.getByTestId('unclassified-shown')).toContainText(`of ${count(before.unclassified)} unclassified`);
		await expect(list.getByRole('table').locator('tbody tr')).toHaveCount(Math.min(50, before.unclassified));
		const first = list.getByRole('table').locator('tbody tr').first();
		const select = first.getByRole('combobox', { name: 'Strategy of this post' });
		// Arrow keys only move the choice: nothing is recorded until Save.
		await select.focus();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		await expect(select).toHaveValue('success_stories');
		await page.waitForLoadState('networkidle');
		await expect(list.getByTestId('unclassified-shown')).toContainText(`of ${count(before.unclassified)} unclassified`);
		await page.keyboard.press('Tab');
		await expect(first.getByRole('button', { name: 'Save strategy' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(list.getByRole('status')).toContainText('corrected');
		await expect(list.getByTestId('unclassified-shown')).toContainText(
			`of ${count(before.unclassified - 1)} unclassified`
		);
		const after = await numbers();
		expect(after).toEqual({ carrying: before.carrying + 1, all: before.all, unclassified: before.unclassified - 1 });

		// The next page keeps its place, and its forms post to it.
		await list.getByRole('link', { name: 'Older posts →' }).click();
		await expect(page).toHaveURL(/page=2#unclassified/);
		await expect(list.getByText(/^Page 2 of/)).toBeVisible();
	});

	test('Explore keeps its choices in the address and estimates from the stored series', async ({ page }) => {
		await page.goto('/explore');
		await hydrated(page);
		await page.getByLabel('Outcome').selectOption('literacy:registrations:Eastside');
		const campaign = page.getByRole('combobox', { name: /^Campaign/ });
		const summer = campaign.locator('option', { hasText: '#MapleSummerReads 2026' });
		await campaign.selectOption(await summer.getAttribute('value'));
		await page.getByRole('button', { name: 'Estimate' }).click();
		await expect(page).toHaveURL(/metric=literacy%3Aregistrations%3AEastside&campaign=\d+/);
		await expect(page.getByLabel('Outcome')).toHaveValue('literacy:registrations:Eastside');
		const panel = page.getByRole('region', { name: 'Impact on summer reading registrations at Eastside' });
		await expect(panel).toBeVisible();
		// The observed figure of the campaign's first full week is the sum of the demo file's rows for it.
		const observed = demoSum(
			'summer_reading_2024_2026.csv',
			(row) => row.branch === 'Eastside' && row.metric === 'registrations' && row.period_start === '2026-06-01'
		);
		const table = panel.getByRole('table').filter({ hasText: 'Observed' }).first();
		await panel
			.getByText(/^Data table/)
			.first()
			.click();
		await expect(table.getByRole('row', { name: /^Jun 1, 2026/ })).toContainText(count(observed));
	});
});
