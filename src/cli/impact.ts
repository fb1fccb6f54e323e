// `lantern impact its`: an interrupted-time-series estimate on any CSV, with the same estimator
// the pages use. Exit codes: 0 estimated, 1 the data cannot support an estimate, 2 bad usage or input.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { dayNumber } from '../lib/calendar';
import { parseCsv } from '../lib/csv-parse';
import {
	decimalsFor,
	formatCount,
	formatMeasure,
	formatPercent,
	formatSignedPercent,
	formatSignificant
} from '../lib/format';
import { describeZodError } from '../lib/domain/zod-message';
import {
	describeIts,
	interruptedTimeSeries,
	itsAlternatives,
	modelSensitivity,
	type ItsOptions,
	type ItsResult,
	type ItsSuccess,
	type ModelSensitivity
} from '../lib/stats';
import { UsageError } from './usage-error';

export const IMPACT_HELP = `Usage: npm run lantern -- impact its --csv FILE --date COL --value COL --start DATE [options]

Estimates a campaign's effect on one outcome series by interrupted time series.

  --csv FILE             CSV with a header row
  --date COL             Column of dates: YYYY-MM-DD, or YYYY-MM for months
  --value COL            Column of the outcome (counts, or any number for --family gaussian)
  --offset COL           Column of exposure (open hours, population) for count models
  --start DATE           First date of the campaign period
  --end DATE             Last date to use; later rows are ignored
  --window-end DATE      Last date of a campaign that ended: its effect is estimated as temporary,
                         and the rows after it are baseline (for campaigns of one to three periods)
  --family NAME          gaussian, poisson or quasipoisson (default: quasipoisson for counts)
  --harmonics K          Fourier pairs for seasonality (default: 2 with two years of history; 0 = none)
  --period P             Seasonal period in rows (default: a year, 52.18 weekly, 12 monthly)
  --month-dummies        Seasonality by month of year instead of Fourier pairs
  --slope                Also estimate a change in trend from the start
  --lag L                Let the effect phase in over L periods
  --json                 Print the full result as JSON; an interval end with no bound is written
                         as the string "Infinity" or "-Infinity" (JSON has no infinite numbers)
`;

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const dateFlag = (missing?: string) =>
	z.string(missing ? { error: missing } : undefined).regex(DATE, 'must be a date: YYYY-MM-DD or YYYY-MM');
const wholeNumber = z.coerce
	.number({ error: 'must be a number' })
	.int('must be a whole number')
	.min(0, 'must be 0 or more');

// Messages say what is wrong with a flag; describeZodError puts the flag's name in front.
const Flags = z.object({
	csv: z.string({ error: 'name the CSV file' }).min(1),
	date: z.string({ error: 'name the column of dates' }).min(1),
	value: z.string({ error: 'name the column of the outcome' }).min(1),
	offset: z.string().min(1).optional(),
	start: dateFlag('give the first date of the campaign (YYYY-MM-DD)'),
	end: dateFlag().optional(),
	'window-end': dateFlag().optional(),
	family: z
		.enum(['gaussian', 'poisson', 'quasipoisson'], { error: 'must be gaussian, poisson or quasipoisson' })
		.optional(),
	harmonics: wholeNumber.optional(),
	period: z.coerce.number({ error: 'must be a number' }).min(2, 'must be at least 2').optional(),
	'month-dummies': z.boolean().default(false),
	slope: z.boolean().default(false),
	lag: wholeNumber.optional()
});

export async function impactCommand(args: string[], options: { json: boolean }): Promise<number> {
	try {
		const { flags, json } = parseFlags(args, options.json);
		if (!flags) {
			console.log(IMPACT_HELP);
			return 0;
		}
		const text = await readText(flags.csv);
		const series = readSeries(text, flags);
		const itsOptions: ItsOptions = {
			start: asDate(flags.start),
			end: flags.end ? asDate(flags.end) : undefined,
			windowEnd: flags['window-end'] ? asDate(flags['window-end']) : undefined,
			family: flags.family,
			slope: flags.slope,
			harmonics: flags.harmonics,
			period: flags.period,
			monthDummies: flags['month-dummies'],
			lag: flags.lag
		};
		let result: ItsResult;
		try {
			result = interruptedTimeSeries(series, itsOptions);
		} catch (error) {
			if (error instanceof RangeError) throw new UsageError(error.message);
			throw error;
		}
		const sensitivity = result.ok
			? modelSensitivity(
					result,
					itsAlternatives(result, (changed) => interruptedTimeSeries(series, { ...itsOptions, ...changed }))
				)
			: null;
		console.log(json ? resultJson(result) : humanReport(result, flags.value, series.dates, sensitivity));
		return result.ok ? 0 : 1;
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(error.message);
		return 2;
	}
}

function parseFlags(args: string[], json: boolean): { flags: z.infer<typeof Flags> | null; json: boolean } {
	let parsed: ReturnType<typeof parseArgs>;
	try {
		parsed = parseArgs({
			args,
			allowPositionals: true,
			options: {
				csv: { type: 'string' },
				date: { type: 'string' },
				value: { type: 'string' },
				offset: { type: 'string' },
				start: { type: 'string' },
				end: { type: 'string' },
				'window-end': { type: 'string' },
				family: { type: 'string' },
				harmonics: { type: 'string' },
				period: { type: 'string' },
				'month-dummies': { type: 'boolean' },
				slope: { type: 'boolean' },
				lag: { type: 'string' },
				json: { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
				db: { type: 'string' }
			}
		});
	} catch (error) {
		throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${IMPACT_HELP}`);
	}
	if (parsed.values.help) return { flags: null, json };
	// Accept the arguments with or without the leading "impact", so main.ts can pass either.
	const positionals = parsed.positionals[0] === 'impact' ? parsed.positionals.slice(1) : parsed.positionals;
	if (positionals[0] !== 'its' || positionals.length > 1)
		throw new UsageError(
			`${positionals[0] ? `Unknown impact method "${positionals.join(' ')}".` : 'Name the method: impact its.'}\n\n${IMPACT_HELP}`
		);
	// --json and --db are main.ts's global flags: accepted here so the arguments can be passed through whole.
	const { json: jsonFlag, db: _db, help: _help, ...values } = parsed.values;
	const flags = Flags.safeParse(values);
	if (!flags.success)
		throw new UsageError(`${describeZodError(flags.error, (field) => `--${field}`)}\n\n${IMPACT_HELP}`);
	return { flags: flags.data, json: json || jsonFlag === true };
}

async function readText(path: string): Promise<string> {
	try {
		return await readFile(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(
			code === 'ENOENT' ? `${path}: no such file.` : `${path}: cannot be read (${code ?? String(error)}).`
		);
	}
}

/** The CSV's records as text cells; an unclosed quote is a usage error naming its row. */
export function parseCsvRecords(text: string): string[][] {
	try {
		return parseCsv(text).map((record) => record.map((cell) => cell.value));
	} catch {
		throw new UsageError(
			`Row ${text.slice(0, text.lastIndexOf('"')).split(/\r?\n/).length}: a quoted field is never closed.`
		);
	}
}

interface Series {
	dates: string[];
	values: number[];
	offset?: number[];
}

/** The three columns as arrays sorted by date, or every problem found (up to five) by row and column. */
function readSeries(text: string, flags: z.infer<typeof Flags>): Series {
	const [header, ...rows] = parseCsvRecords(text);
	if (!header) throw new UsageError(`${flags.csv} is empty.`);
	const names = header.map((name) => name.trim());
	const find = (wanted: string) => {
		const exact = names.indexOf(wanted);
		const index = exact >= 0 ? exact : names.findIndex((name) => name.toLowerCase() === wanted.trim().toLowerCase());
		if (index < 0)
			throw new UsageError(
				`${flags.csv} has no column "${wanted}". Its columns are: ${names.map((n) => `"${n}"`).join(', ')}.`
			);
		return index;
	};
	const dateColumn = find(flags.date);
	const valueColumn = find(flags.value);
	const offsetColumn = flags.offset ? find(flags.offset) : null;

	const problems: string[] = [];
	const points: { row: number; date: string; value: number; offset?: number }[] = [];
	rows.forEach((cells, index) => {
		const row = index + 2; // the header is row 1, as in a spreadsheet
		if (cells.every((cell) => cell.trim() === '')) return;
		const cell = (column: number, name: string) => ({
			text: (cells[column] ?? '').trim(),
			where: `row ${row}, column "${name}"`
		});
		const date = cell(dateColumn, names[dateColumn]!);
		const parsedDate = calendarDate(date.text);
		if (!parsedDate) problems.push(`${date.where}: "${date.text}" is not a date; use YYYY-MM-DD or YYYY-MM.`);
		const value = readNumber(cell(valueColumn, names[valueColumn]!), problems);
		const offset =
			offsetColumn === null ? undefined : readNumber(cell(offsetColumn, names[offsetColumn]!), problems, true);
		if (parsedDate && value !== null && offset !== null) points.push({ row, date: parsedDate, value, offset });
	});
	if (problems.length) {
		const more = problems.length > 5 ? `\n…and ${formatCount(problems.length - 5)} more problems.` : '';
		throw new UsageError(`${flags.csv}:\n${problems.slice(0, 5).join('\n')}${more}`);
	}
	if (points.length === 0) throw new UsageError(`${flags.csv} has a header but no data rows.`);
	points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	for (let k = 1; k < points.length; k++)
		if (points[k]!.date === points[k - 1]!.date)
			throw new UsageError(
				`${flags.csv}: rows ${Math.min(points[k - 1]!.row, points[k]!.row)} and ${Math.max(points[k - 1]!.row, points[k]!.row)} both have the date ${points[k]!.date}; keep one row per date.`
			);
	return {
		dates: points.map((p) => p.date),
		values: points.map((p) => p.value),
		...(offsetColumn === null ? {} : { offset: points.map((p) => p.offset!) })
	};
}

/** YYYY-MM-DD as is, YYYY-MM as the first of the month; null unless a real calendar date. */
function calendarDate(text: string): string | null {
	if (!DATE.test(text)) return null;
	const date = text.length === 7 ? `${text}-01` : text;
	return dayNumber(date) === null ? null : date;
}

const asDate = (text: string): string => {
	const date = calendarDate(text);
	if (!date) throw new UsageError(`"${text}" is not a calendar date.`);
	return date;
};

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

function readNumber(cell: { text: string; where: string }, problems: string[], positive = false): number | null {
	const { text, where } = cell;
	if (text === '') {
		problems.push(`${where} is empty; fill it in (0 if nothing happened) or remove the row.`);
		return null;
	}
	if (!PLAIN_NUMBER.test(text) && !GROUPED_NUMBER.test(text)) {
		problems.push(`${where}: "${text}" is not a number.`);
		return null;
	}
	const value = Number(text.replaceAll(',', ''));
	if (positive && !(value > 0)) {
		problems.push(`${where}: the exposure must be greater than 0, not ${text}.`);
		return null;
	}
	return value;
}

/**
 * The result as JSON. JSON.stringify writes an infinite interval end as null, which reads as
 * "missing"; it is written as the string "Infinity" or "-Infinity" instead, as the help says.
 */
function resultJson(result: ItsResult): string {
	return JSON.stringify(
		result,
		(_key, value: unknown) =>
			typeof value === 'number' && !Number.isFinite(value) && !Number.isNaN(value)
				? value > 0
					? 'Infinity'
					: '-Infinity'
				: value,
		2
	);
}

const decimal = (value: number) => formatSignificant(value);
const pValue = (p: number) => (p < 0.001 ? '< 0.001' : decimal(p));
const signedPercent = (ratio: number) => formatSignedPercent(ratio, 1);

function humanReport(
	result: ItsResult,
	valueLabel: string,
	dates: string[],
	sensitivity: ModelSensitivity | null = null
): string {
	if (!result.ok) return [result.reason, ...result.warnings.map((w) => `  • ${w}`)].join('\n');
	const unit = ({ daily: 'day', weekly: 'week', monthly: 'month' } as const)[result.options.spacing];
	const paragraph = [
		describeIts(result, { metricLabel: `${valueLabel} per ${unit}`, periodLabel: unit }),
		...(sensitivity?.sentences ?? [])
	].join(' ');
	return [
		`Interrupted time series: "${valueLabel}", ${result.family}, ${result.options.why.seasonality}`,
		`${formatCount(dates.length)} rows; campaign period ${result.options.start} to ${result.options.windowEnd ?? result.options.end}${result.options.windowEnd ? ` (temporary; rows to ${result.options.end} are baseline)` : ''}.`,
		'',
		paragraph,
		'',
		...effectTable(result, unit),
		'',
		...(sensitivity ? [...modelTable(sensitivity), ''] : []),
		...diagnosticLines(result),
		...(result.warnings.length ? ['', 'Warnings:', ...result.warnings.map((w) => `  • ${w}`)] : [])
	].join('\n');
}

/** The same campaign under the other reasonable specifications, as the app's table of models shows it. */
function modelTable(sensitivity: ModelSensitivity): string[] {
	const rows = [
		['Model', 'effect', '95% interval', 'p'],
		...sensitivity.alternatives.map((a) => [
			a.label,
			signedPercent(a.estimate),
			`${signedPercent(a.lower)} to ${signedPercent(a.upper)}`,
			pValue(a.p)
		])
	];
	const widths = rows[0]!.map((_, j) => Math.max(...rows.map((row) => row[j]!.length)));
	return [
		sensitivity.dependsOnModel ? 'Other models (the result depends on the model):' : 'Other models:',
		...rows.map((row) =>
			row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ')
		)
	];
}

function effectTable(result: ItsSuccess, unit: string): string[] {
	const level = Math.round(result.options.level * 100);
	const effect = (e: { estimate: number; lower: number; upper: number; p: number; scale: string }) =>
		e.scale === 'ratio'
			? [signedPercent(e.estimate - 1), `${signedPercent(e.lower - 1)} to ${signedPercent(e.upper - 1)}`, pValue(e.p)]
			: [decimal(e.estimate), `${decimal(e.lower)} to ${decimal(e.upper)}`, pValue(e.p)];
	const rows: string[][] = [
		['', 'estimate', `${level}% interval`, 'p'],
		['Level change', ...effect(result.effect.level)]
	];
	if (result.effect.slope) rows.push([`Slope change per ${unit}`, ...effect(result.effect.slope)]);
	const { average, cumulative } = result.summary;
	// Digits that show the series' typical size (a rate of 0.03 is not "0 vs 0"); totals scale with the points.
	const observed = result.counterfactual.map((point) => Math.abs(point.observed));
	const typical = observed.reduce((sum, v) => sum + v, 0) / Math.max(observed.length, 1);
	const summary = (label: string, s: typeof average, digits: number) => [
		label,
		`${formatMeasure(s.actual, digits)} vs ${formatMeasure(s.predicted, digits)}`,
		`${formatMeasure(s.predictedLower, digits)} to ${Number.isFinite(s.predictedUpper) ? formatMeasure(s.predictedUpper, digits) : 'no upper bound'} expected`,
		pValue(result.summary.p)
	];
	rows.push(
		summary(`Average per ${unit}`, average, decimalsFor(typical)),
		summary('Total', cumulative, decimalsFor(typical * result.summary.points))
	);
	const widths = rows[0]!.map((_, j) => Math.max(...rows.map((row) => row[j]!.length)));
	return rows.map((row) =>
		row
			.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!)))
			.join('   ')
			.trimEnd()
	);
}

function diagnosticLines(result: ItsSuccess): string[] {
	const { preFit, overdispersion, autocorrelation, placebo } = result.diagnostics;
	const fit =
		preFit.rSquared !== null
			? `R² ${formatPercent(preFit.rSquared)}`
			: `deviance explained ${formatPercent(preFit.devianceExplained)}`;
	return [
		'Diagnostics:',
		`  pre-period fit: ${fit}, mean absolute error ${formatPercent(preFit.mape)}`,
		overdispersion
			? `  dispersion ${decimal(overdispersion.dispersion)}${overdispersion.flagged ? ' (more spread than Poisson)' : ''}`
			: `  residual variance ${decimal(result.dispersion)}`,
		`  autocorrelation: Durbin-Watson ${decimal(autocorrelation.durbinWatson)}, Ljung-Box p ${pValue(autocorrelation.ljungBox.p)}${autocorrelation.flagged ? ' (flagged)' : ''}`,
		placebo.ran
			? `  placebo at ${placebo.start}: p ${pValue(placebo.p)}${placebo.flagged ? ' (flagged: an "effect" where there was none)' : ', nothing found'}`
			: `  placebo: not run (${placebo.reason})`
	];
}
