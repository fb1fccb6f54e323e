/**
 * The segmented-regression design for an interrupted time series:
 *   g(E[y]) = b0 + b1·(t − t0) + b2·step + b3·(t − t0)·post + seasonality (+ offset)
 * Time is counted from the campaign start t0, so b0 + seasonality is the level just before the
 * campaign, b2 is the level change at the start, and the slope change counts from the start,
 * not from the beginning of the series.
 */
import { type Matrix, matrix } from '../numeric';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface ItsDesignSpec {
	/** Number of points. */
	n: number;
	/** Index of the first post-period point. */
	startIndex: number;
	slope: boolean;
	/**
	 * Periods over which the level change phases in. 0 is an immediate step; with L > 0 the step
	 * column rises linearly, 1/(L+1), 2/(L+1), …, and reaches 1 at the (L+1)-th post point, so b2 is
	 * still the full effect once established. A ramp keeps every point in the fit and adds no
	 * parameter, where dropping a transition window would throw data away.
	 */
	lag: number;
	harmonics: number;
	/** Seasonal period in points (e.g. 52.18 for weekly data, 12 for monthly). */
	period: number;
	/** Month of the year (1–12) of each point, when seasonality is by month dummies. */
	months?: readonly number[];
	/** The trend's clock at each point, when it is not the index (a season-with-season series counts seasons). */
	clock?: readonly number[];
	/** Index of the first point, so Fourier terms of a sub-series (the placebo) keep their phase. */
	firstIndex?: number;
	/**
	 * Index of the last point of a temporary campaign window: the level change is 1 up to it and 0
	 * after, so the points after the window are baseline again (a pulse rather than a lasting step).
	 */
	windowEnd?: number;
}

export interface ItsDesign {
	x: Matrix;
	names: string[];
	stepColumn: number;
	slopeColumn: number | null;
	/** Columns set to zero for the counterfactual: what the series would have done without the campaign. */
	interventionColumns: number[];
}

type Column = { name: string; value: (i: number) => number };

export function stepValue(i: number, startIndex: number, lag: number): number {
	if (i < startIndex) return 0;
	return Math.min(1, (i - startIndex + 1) / (lag + 1));
}

export function itsDesign(spec: ItsDesignSpec): ItsDesign {
	const { n, startIndex, lag } = spec;
	const first = spec.firstIndex ?? 0;
	const time = (i: number) => spec.clock?.[i] ?? i;
	const t0 = time(startIndex);
	const columns: Column[] = [
		{ name: 'intercept', value: () => 1 },
		{ name: 'trend', value: (i) => time(i) - t0 },
		{
			name: 'level change',
			value: (i) => (spec.windowEnd !== undefined && i > spec.windowEnd ? 0 : stepValue(i, startIndex, lag))
		}
	];
	if (spec.slope) columns.push({ name: 'slope change', value: (i) => (i >= startIndex ? time(i) - t0 : 0) });
	columns.push(...fourierColumns(n, spec.harmonics, spec.period, first));
	if (spec.months) columns.push(...monthColumns(spec.months));

	const x = matrix(n, columns.length);
	for (let i = 0; i < n; i++) columns.forEach((column, j) => (x.data[i * columns.length + j] = column.value(i)));
	const stepColumn = 2;
	const slopeColumn = spec.slope ? 3 : null;
	return {
		x,
		names: columns.map((c) => c.name),
		stepColumn,
		slopeColumn,
		interventionColumns: slopeColumn === null ? [stepColumn] : [stepColumn, slopeColumn]
	};
}

/**
 * sin and cos of 2πk·t/P for k = 1..K. A sine at exactly half the period (2k = P) is zero at every
 * integer t, so it is left out rather than making the design singular.
 */
function fourierColumns(n: number, harmonics: number, period: number, first: number): Column[] {
	const columns: Column[] = [];
	for (let k = 1; k <= harmonics; k++) {
		const angle = (i: number) => (2 * Math.PI * k * (first + i)) / period;
		const label = `k=${k}, period ${roundPeriod(period)}`;
		if (Math.abs(2 * k - period) > 1e-9) columns.push({ name: `sin(${label})`, value: (i) => Math.sin(angle(i)) });
		columns.push({ name: `cos(${label})`, value: (i) => Math.cos(angle(i)) });
	}
	return columns;
}

const roundPeriod = (period: number) => String(Math.round(period * 100) / 100);

/** One indicator per month seen, except the first month seen, which the intercept carries. */
function monthColumns(months: readonly number[]): Column[] {
	const seen = [...new Set(months)].sort((a, b) => a - b);
	return seen.slice(1).map((month) => ({
		name: `month ${MONTH_NAMES[month - 1]}`,
		value: (i: number) => (months[i] === month ? 1 : 0)
	}));
}

/** Parameters the design will have, to check sufficiency before building it. */
export function parameterCount(spec: Omit<ItsDesignSpec, 'n' | 'startIndex' | 'lag'>): number {
	const fourier = fourierColumns(0, spec.harmonics, spec.period, 0).length;
	const months = spec.months ? Math.max(new Set(spec.months).size - 1, 0) : 0;
	return 3 + (spec.slope ? 1 : 0) + fourier + months;
}
