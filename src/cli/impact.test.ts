import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createRandom } from '../lib/demo/random';
import { interruptedTimeSeries, type ItsResult } from '../lib/stats';
import { impactCommand, parseCsvRecords } from './impact';

const folder = mkdtempSync(join(tmpdir(), 'lantern-impact-'));
function csvFile(name: string, text: string): string {
	const path = join(folder, name);
	writeFileSync(path, text);
	return path;
}

/** 130 weekly rows as Excel might save them: BOM, CRLF, quoted header, thousands separators. */
function weeklyCsv(): { path: string; dates: string[]; visits: number[]; hours: number[] } {
	const random = createRandom(11, 'impact-cli');
	const dates: string[] = [];
	const visits: number[] = [];
	const hours: number[] = [];
	for (let i = 0; i < 130; i++) {
		dates.push(new Date(Date.UTC(2022, 0, 3 + 7 * i)).toISOString().slice(0, 10));
		hours.push(i % 10 === 0 ? 32 : 40);
		visits.push(
			random.poisson(30 * hours[i]! * Math.exp(0.2 * Math.sin((2 * Math.PI * i) / 52)) * (i >= 110 ? 1.2 : 1))
		);
	}
	const rows = dates.map((d, i) => `${d},"${visits[i]!.toLocaleString('en-US')}",${hours[i]}`);
	const path = csvFile(
		'visits.csv',
		`\uFEFF"Week starting","Visits, all branches","Open hours"\r\n${rows.join('\r\n')}\r\n`
	);
	return { path, dates, visits, hours };
}

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
beforeEach(() => {
	log = vi.spyOn(console, 'log').mockImplementation(() => {});
	error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());
const printed = () => log.mock.calls.map((call) => String(call[0])).join('\n');
const complained = () => error.mock.calls.map((call) => String(call[0])).join('\n');

describe('lantern impact its', () => {
	it('--window-end estimates a short campaign as temporary, the same as the estimator with windowEnd', async () => {
		const { path, dates, visits, hours } = weeklyCsv();
		const args = [
			'its',
			'--csv',
			path,
			'--date',
			'Week starting',
			'--value',
			'Visits, all branches',
			'--offset',
			'Open hours',
			'--start',
			dates[100]!,
			'--window-end',
			dates[101]!
		];
		expect(await impactCommand(args, { json: true })).toBe(0);
		const result = JSON.parse(printed()) as Extract<ItsResult, { ok: true }>;
		const direct = interruptedTimeSeries(
			{ dates, values: visits, offset: hours },
			{ start: dates[100]!, windowEnd: dates[101]! }
		);
		if (!direct.ok) throw new Error(direct.reason);
		expect(result.options.windowEnd).toBe(dates[101]);
		expect(result.summary.points).toBe(2);
		expect(result.effect.level.estimate).toBeCloseTo(direct.effect.level.estimate, 10);
	});

	it('prints the estimate as JSON, the same as calling the estimator on the parsed columns', async () => {
		const { path, dates, visits, hours } = weeklyCsv();
		const args = [
			'its',
			'--csv',
			path,
			'--date',
			'Week starting',
			'--value',
			'Visits, all branches',
			'--offset',
			'Open hours',
			'--start',
			dates[110]!,
			'--slope'
		];
		expect(await impactCommand(args, { json: true })).toBe(0);
		const result = JSON.parse(printed()) as Extract<ItsResult, { ok: true }>;
		expect(result.ok).toBe(true);
		expect(result.family).toBe('quasipoisson');
		expect(result.effect.level).toMatchObject({
			scale: 'ratio',
			estimate: expect.any(Number),
			lower: expect.any(Number),
			upper: expect.any(Number),
			p: expect.any(Number)
		});
		expect(result.effect.level.lower).toBeLessThan(1.2);
		expect(result.effect.level.upper).toBeGreaterThan(1.2);
		expect(result.effect.slope?.scale).toBe('ratio');
		expect(result.coefficients.map((c) => c.name)).toEqual([
			'intercept',
			'trend',
			'level change',
			'slope change',
			'sin(k=1, period 52.18)',
			'cos(k=1, period 52.18)',
			'sin(k=2, period 52.18)',
			'cos(k=2, period 52.18)'
		]);
		expect(result.counterfactual).toHaveLength(130);
		expect(result.counterfactual[0]).toMatchObject({ date: '2022-01-03', observed: visits[0], post: false });
		const direct = interruptedTimeSeries(
			{ dates, values: visits, offset: hours },
			{ start: dates[110]!, slope: true, monthDummies: false }
		);
		expect(result).toEqual(JSON.parse(JSON.stringify(direct)));
	});

	it('--json writes an unbounded interval end as the string "Infinity", never as null', async () => {
		// Almost all zeros with a slope change: the expected total's upper end overflows to infinity.
		const values = [0, 0, 1, 2, 0, 0, 0, 0, 1, ...Array(25).fill(0), 1, 0, 0, 0, 0];
		const rows = values.map((v, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${v}`);
		const path = csvFile('sparse.csv', `month,count\n${rows.join('\n')}\n`);
		const args = ['its', '--csv', path, '--date', 'month', '--value', 'count', '--start', '2022-01'];
		expect(await impactCommand([...args, '--slope', '--family', 'poisson'], { json: true })).toBe(0);
		const json = JSON.parse(printed());
		expect(json.summary.average.predictedUpper).toBe('Infinity');
		expect(json.summary.average.absoluteLower).toBe('-Infinity');
		log.mockClear();
		await impactCommand([...args, '--slope', '--family', 'poisson'], { json: false });
		expect(printed()).toContain('or more, with no upper bound)');
		expect(printed()).not.toMatch(/–—|−—/);
	});

	it('prints the paragraph and a table for people', async () => {
		const { path, dates } = weeklyCsv();
		const code = await impactCommand(
			[
				'its',
				'--csv',
				path,
				'--date',
				'week starting',
				'--value',
				'Visits, all branches',
				'--start',
				dates[110]!,
				'--harmonics',
				'2',
				'--period',
				'52'
			],
			{ json: false }
		);
		expect(code).toBe(0);
		const text = printed();
		expect(text).toMatch(
			/During the campaign, Visits, all branches per week averaged [\d,.]+, against [\d,.]+ expected without it \(95% interval [\d,.]+–[\d,.]+\): an estimated \+\d+%/
		);
		expect(text).toMatch(/Level change\s+\+\d+\.\d%\s+\+\d+\.\d% to \+\d+\.\d%/);
		expect(text).toContain('Average per week');
		expect(text).toContain('Diagnostics:');
		expect(text).toContain('placebo at 2023-01-23');
	});

	it('reads monthly YYYY-MM dates as the first of the month, in any row order', async () => {
		const months = Array.from(
			{ length: 36 },
			(_, i) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
		);
		const rows = months.map((m, i) => `${m},${(50 + (i % 5) + (i >= 24 ? 10 : 0)) / 10}`).reverse();
		const path = csvFile('monthly.csv', `month,rate\n${rows.join('\n')}\n`);
		expect(
			await impactCommand(
				['its', '--csv', path, '--date', 'month', '--value', 'rate', '--start', '2023-01', '--json'],
				{ json: false }
			)
		).toBe(0);
		const result = JSON.parse(printed()) as Extract<ItsResult, { ok: true }>;
		expect(result.family).toBe('gaussian');
		expect(result.options).toMatchObject({ start: '2023-01-01', spacing: 'monthly', standardErrors: 'newey-west' });
		expect(result.counterfactual[0]!.date).toBe('2021-01-01');
		expect(result.effect.level.scale).toBe('difference');
	});

	it('--start mid-month counts the month it falls in, as the pages do', async () => {
		const months = Array.from(
			{ length: 36 },
			(_, i) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`
		);
		const rows = months.map((m, i) => `${m},${100 + ((i * 7) % 11)}`);
		const path = csvFile('mid-month.csv', `month,visits\n${rows.join('\n')}\n`);
		const args = ['its', '--csv', path, '--date', 'month', '--value', 'visits', '--start', '2023-01-15'];
		expect(await impactCommand(args, { json: true })).toBe(0);
		expect(JSON.parse(printed()).options.start).toBe('2023-01-01');
	});

	it('accepts monthly rows dated by the last day of each month', async () => {
		const ends = Array.from({ length: 36 }, (_, i) => new Date(Date.UTC(2021, i + 1, 0)).toISOString().slice(0, 10));
		const rows = ends.map((d, i) => `${d},${100 + ((i * 7) % 11)}`);
		const path = csvFile('month-ends.csv', `month,visits\n${rows.join('\n')}\n`);
		const args = ['its', '--csv', path, '--date', 'month', '--value', 'visits', '--start', '2023-01-15'];
		expect(await impactCommand(args, { json: true })).toBe(0);
		const json = JSON.parse(printed());
		expect(json.options.spacing).toBe('monthly');
		expect(json.options.start).toBe('2023-01-31');
	});

	it('names the row and column of each bad cell and exits 2', async () => {
		const path = csvFile('bad.csv', 'date,visits\n2024-01-01,10\n2024-01-08,ten\n2024-13-15,12\n2024-01-22,\n');
		expect(
			await impactCommand(['its', '--csv', path, '--date', 'date', '--value', 'visits', '--start', '2024-01-15'], {
				json: false
			})
		).toBe(2);
		expect(complained()).toContain('row 3, column "visits": "ten" is not a number.');
		expect(complained()).toContain('row 4, column "date": "2024-13-15" is not a date; use YYYY-MM-DD or YYYY-MM.');
		expect(complained()).toContain(
			'row 5, column "visits" is empty; fill it in (0 if nothing happened) or remove the row.'
		);
		expect(log).not.toHaveBeenCalled();
	});

	it('names missing columns, repeated dates and bad flags, exiting 2', async () => {
		const path = csvFile('dupes.csv', 'date,visits\n2024-01-01,10\n2024-01-08,11\n2024-01-01,12\n');
		expect(
			await impactCommand(['its', '--csv', path, '--date', 'day', '--value', 'visits', '--start', '2024-01-08'], {
				json: false
			})
		).toBe(2);
		expect(complained()).toContain('has no column "day". Its columns are: "date", "visits".');
		expect(
			await impactCommand(['its', '--csv', path, '--date', 'date', '--value', 'visits', '--start', '2024-01-08'], {
				json: false
			})
		).toBe(2);
		expect(complained()).toContain('rows 2 and 4 both have the date 2024-01-01');
		expect(await impactCommand(['its', '--csv', path, '--date', 'date', '--value', 'visits'], { json: false })).toBe(2);
		expect(complained()).toContain('--start: give the first date of the campaign (YYYY-MM-DD)');
		expect(
			await impactCommand(
				['its', '--csv', path, '--date', 'date', '--value', 'visits', '--start', '2024-01-08', '--family', 'binomial'],
				{ json: false }
			)
		).toBe(2);
		expect(complained()).toContain('--family: must be gaussian, poisson or quasipoisson');
		expect(await impactCommand(['did', '--csv', path], { json: false })).toBe(2);
		expect(complained()).toContain('Unknown impact method "did"');
		expect(await impactCommand(['its', '--frobnicate'], { json: false })).toBe(2);
		expect(
			await impactCommand(
				['its', '--csv', join(folder, 'missing.csv'), '--date', 'd', '--value', 'v', '--start', '2024-01-01'],
				{ json: false }
			)
		).toBe(2);
		expect(complained()).toContain('missing.csv: no such file.');
	});

	it('exits 1 and says why when the data cannot support an estimate', async () => {
		const rows = Array.from(
			{ length: 10 },
			(_, i) => `${new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10)},${5 + (i % 3)}`
		);
		const path = csvFile('short.csv', `date,visits\n${rows.join('\n')}\n`);
		expect(
			await impactCommand(
				['impact', 'its', '--csv', path, '--date', 'date', '--value', 'visits', '--start', '2024-02-05'],
				{ json: false }
			)
		).toBe(1);
		expect(printed()).toMatch(/^Not enough data to estimate: only 5 points before the start/);
		expect(
			await impactCommand(['its', '--csv', path, '--date', 'date', '--value', 'visits', '--start', '2024-02-05'], {
				json: true
			})
		).toBe(1);
		expect(JSON.parse(log.mock.calls.at(-1)![0] as string)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/^Not enough data to estimate: /)
		});
	});
});

describe('CSV records', () => {
	it('handles quotes, escaped quotes, line breaks in quotes, CRLF, a BOM and a missing final newline', () => {
		const text = '\uFEFFa,"b, c"\r\n"say ""hi""","two\nlines"\r\n,last';
		expect(parseCsvRecords(text)).toEqual([
			['a', 'b, c'],
			['say "hi"', 'two\nlines'],
			['', 'last']
		]);
		expect(() => parseCsvRecords('a,"open\n')).toThrow('a quoted field is never closed');
	});
});
