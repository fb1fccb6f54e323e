import { describe, expect, it } from 'vitest';
import { InvalidReportParams, REPORT_SECTIONS, reportParamsFromQuery, reportQuery } from './report-params';

const read = (query: string) => reportParamsFromQuery(new URLSearchParams(query));

describe('report parameters as a query string', () => {
	it('reads an empty query as every section, every campaign of the period, Letter portrait', () => {
		expect(read('')).toEqual({
			compare: 'previous',
			branches: [],
			campaigns: null,
			posts: 'all',
			sections: [...REPORT_SECTIONS],
			paper: 'letter',
			orientation: 'portrait',
			title: 'Board report'
		});
	});

	it('keeps the order the sections are named in, each once', () => {
		expect(read('sections=summary,cover,summary,methodology').sections).toEqual(['summary', 'cover', 'methodology']);
	});

	it('reads repeated branch and campaign keys as lists, and campaigns=none as no campaign', () => {
		const params = read('branch=Eastside&branch=Central&campaign=Storytime%20at%20Eastside');
		expect(params.branches).toEqual(['Eastside', 'Central']);
		expect(params.campaigns).toEqual(['Storytime at Eastside']);
		expect(read('campaigns=none').campaigns).toEqual([]);
	});

	it('reads back what it writes, an edited summary with its line breaks included', () => {
		const params = read(
			'from=2026-01-01&to=2026-06-30&compare=year&branch=Eastside&campaign=A%20%26%20B&posts=campaign&sections=cover,campaigns&paper=a4&orientation=landscape&title=Q2%20packet&prepared_by=Dana%20Ortiz'
		);
		const edited = { ...params, summary: 'First paragraph.\n\nSecond, with 12% & “quotes”.' };
		expect(read(reportQuery(edited))).toEqual(edited);
		expect(read(reportQuery({ campaigns: [] })).campaigns).toEqual([]);
	});

	it("counts one campaign's posts only when exactly one campaign is named", () => {
		expect(read('campaign=Storytime&posts=campaign').posts).toBe('campaign');
		expect(() => read('posts=campaign')).toThrow(/^posts: .*name exactly one campaign/);
		expect(() => read('campaign=A&campaign=B&posts=campaign')).toThrow(/^posts:/);
		expect(() => read('campaign=A&posts=some')).toThrow(/^posts: must be one of all, campaign/);
	});

	it('refuses an unknown section, paper or a range that runs backwards, naming the field', () => {
		expect(() => read('sections=cover,gossip')).toThrow(/sections: each section must be one of cover, summary/);
		expect(() => read('paper=legal')).toThrow(InvalidReportParams);
		expect(() => read('paper=legal')).toThrow(/^paper:/);
		expect(() => read('from=2026-06-01&to=2026-01-01')).toThrow(/from: must not be after "to"/);
		expect(() => read('from=2026-02-30')).toThrow(/February 2026 has 28 days/);
		expect(() => read(`prepared_by=${'x'.repeat(121)}`)).toThrow(/^prepared_by: must be at most 120/);
	});
});
