import { describe, expect, it } from 'vitest';
import { carriedSearch, type DashboardContext } from './dashboard-filters';
import { filtersNotApplied, notAppliedNote } from './filter-reach';
import { reportParamsFromQuery, reportQueryForDashboard } from './report-params';

describe('which filters a figure can take', () => {
	it('names the filters on that a figure cannot be narrowed by, and none when every one applies', () => {
		expect(filtersNotApplied('posts', ['branch', 'platform', 'audience'])).toEqual(['branch', 'audience']);
		expect(notAppliedNote('posts', ['platform', 'strategy'])).toBeNull();
		expect(notAppliedNote('usage', ['platform'])).toBe(
			'Not narrowed by platform: circulation and visit figures carry no platform, so this counts every platform.'
		);
	});

	it('says a campaign sets only the dates of a figure that is not linked to campaigns', () => {
		expect(notAppliedNote('programs', ['campaign', 'branch'])).toBe(
			'The campaign sets the dates only: programs are not linked to a campaign.'
		);
	});
});

describe('filters carried between pages and into the board report', () => {
	it('keeps the range and every filter of an address, and nothing else, for the next page', () => {
		const params = new URLSearchParams('from=2026-01-01&to=2026-06-30&branch=Eastside&platform=x&page=3&metric=a');
		expect(carriedSearch(params)).toBe('?from=2026-01-01&to=2026-06-30&branch=Eastside&platform=x');
		expect(carriedSearch(new URLSearchParams('page=2'))).toBe('');
	});

	it('turns a dashboard’s range and filters into the board report’s parameters, its campaign by name', () => {
		const context = {
			range: { from: '2026-05-25', to: '2026-08-14' },
			previousRange: { from: '2025-05-25', to: '2025-08-14' },
			comparison: 'year',
			filters: {
				branch: 'Eastside',
				platform: 'instagram',
				campaign: 7,
				strategy: 'success_stories',
				audience: 'Teens'
			},
			options: {},
			campaign: { id: 7, name: '#MapleSummerReads 2026', startsOn: '2026-05-25', endsOn: '2026-08-14' },
			timeZone: 'America/Chicago'
		} satisfies DashboardContext;
		expect(reportParamsFromQuery(new URLSearchParams(reportQueryForDashboard(context)))).toMatchObject({
			from: '2026-05-25',
			to: '2026-08-14',
			compare: 'year',
			branches: ['Eastside'],
			campaigns: ['#MapleSummerReads 2026'],
			platform: 'instagram',
			strategy: 'success_stories',
			audience: 'Teens'
		});
	});
});
