/**
 * Real series with placebo starts: a fake campaign start in a stretch where nothing was launched,
 * so an honest estimator should call few of them clear. The estimators are called with the
 * options the panel passes (`impactForMetric` and `controlledEstimate`): the ITS defaults, and the
 * state-space model on the log scale when no value is negative. These series have no untouched
 * branch, so the state-space model runs without controls. Placebo windows overlap, so runs on one
 * series are not independent: read a real-series row as a spot check, not a rate.
 */
import {
	interruptedTimeSeries,
	stateSpaceCounterfactual,
	type ItsResult,
	type StateSpaceResult
} from '../../src/lib/stats';
import {
	AIR_PASSENGERS,
	NILE,
	NILE_DROP_INDEX,
	UK_DRIVER_DEATHS,
	UK_SEATBELT_LAW_INDEX
} from '../../src/lib/stats/public-series';
import { monthlyDates } from '../../src/lib/stats/test-support';

export interface PlaceboSeries {
	name: string;
	dates: string[];
	values: number[];
	/** Fake starts (indexes) and the number of points after each. */
	starts: number[];
	after: number;
	/** Annual data stand on monthly dates (Lantern reads days, weeks and months), so seasonality is turned off. */
	annual?: boolean;
}

const every = (from: number, to: number, step: number) =>
	Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

export const PLACEBO_SERIES: readonly PlaceboSeries[] = [
	{
		// 1871–1898 only: the fake post period ends before the real drop in 1899.
		name: 'Nile before 1899 (annual, fake starts 1881–1891, 8 years after)',
		dates: monthlyDates(NILE_DROP_INDEX, 1871, 1),
		values: NILE.slice(0, NILE_DROP_INDEX),
		starts: every(10, 20, 1),
		after: 8,
		annual: true
	},
	{
		name: 'UK drivers killed or injured before the 1983 seat-belt law (monthly, 12 months after)',
		dates: monthlyDates(UK_SEATBELT_LAW_INDEX, 1969, 1),
		values: UK_DRIVER_DEATHS.slice(0, UK_SEATBELT_LAW_INDEX),
		starts: every(24, UK_SEATBELT_LAW_INDEX - 12, 6),
		after: 12
	},
	{
		name: 'AirPassengers (monthly, 12 months after)',
		dates: monthlyDates(AIR_PASSENGERS.length, 1949, 1),
		values: AIR_PASSENGERS,
		starts: every(24, AIR_PASSENGERS.length - 12, 6),
		after: 12
	}
];

export interface PlaceboRun {
	its: ItsResult;
	stateSpace: StateSpaceResult;
}

export function placeboRun(series: PlaceboSeries, start: number, after: number): PlaceboRun {
	const end = start + after;
	const dates = series.dates.slice(0, end);
	const values = series.values.slice(0, end);
	const window = { start: dates[start]!, end: dates[end - 1]! };
	return {
		its: interruptedTimeSeries({ dates, values }, { ...window, ...(series.annual ? { harmonics: 0 } : {}) }),
		stateSpace: stateSpaceCounterfactual(
			{ dates, values },
			{ ...window, log: values.every((v) => v >= 0), ...(series.annual ? { seasonal: null } : {}) }
		)
	};
}

/** Two real interventions whose effect is plain to the eye: each estimator should call them clear drops. */
export const REAL_INTERVENTIONS: readonly { series: PlaceboSeries; start: number }[] = [
	{
		series: {
			name: 'Nile from 1899 (28 years before, 72 after)',
			dates: monthlyDates(NILE.length, 1871, 1),
			values: NILE,
			starts: [NILE_DROP_INDEX],
			after: NILE.length - NILE_DROP_INDEX,
			annual: true
		},
		start: NILE_DROP_INDEX
	},
	{
		series: {
			name: 'UK drivers killed or injured, seat-belt law from February 1983 (169 months before, 23 after)',
			dates: monthlyDates(UK_DRIVER_DEATHS.length, 1969, 1),
			values: UK_DRIVER_DEATHS,
			starts: [UK_SEATBELT_LAW_INDEX],
			after: UK_DRIVER_DEATHS.length - UK_SEATBELT_LAW_INDEX
		},
		start: UK_SEATBELT_LAW_INDEX
	}
];
