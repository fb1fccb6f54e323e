/**
 * Turns what the caller asked for into the model that is fitted, recording each default chosen
 * and why, so a page or report can show the reader exactly what was estimated.
 */
import { formatCount, formatSignificant } from '../../format';
import { naturalPeriod, type Spacing, unitOf } from '../series-dates';
import type { Family } from './glm';
import { linkOf } from './glm';
import type { ItsModelSpec } from './model';
import { neweyWestLag } from './newey-west';
import { SEASONAL_CYCLES, seasonalityFits } from './sufficiency';
import type { ItsOptions, ResolvedItsOptions } from './types';

/** The seasonality explanation when the caller turned it off, so a reader is not warned about a choice they made. */
export const SEASONALITY_OFF_AS_ASKED = 'none, as asked.';

export interface SeriesFacts {
	values: readonly number[];
	spacing: Spacing;
	points: number;
	pointsBefore: number;
	start: string;
	end: string;
	hasExposure: boolean;
	/** the last date of a temporary campaign window, as found in the data */
	windowEnd?: string | null;
}

export interface Resolution {
	resolved: ResolvedItsOptions;
	spec: ItsModelSpec;
	warnings: string[];
}

/** Options that no data could make valid are the caller's mistake: they throw, naming the option. */
export function validateOptions(options: ItsOptions): void {
	const { harmonics, period, lag, level, family } = options;
	if (family !== undefined && !['gaussian', 'poisson', 'quasipoisson'].includes(family))
		throw new RangeError(`family must be gaussian, poisson or quasipoisson, not "${family}"`);
	if (harmonics !== undefined && !(Number.isInteger(harmonics) && harmonics >= 0))
		throw new RangeError('harmonics must be a whole number of 0 or more');
	if (period !== undefined && !(Number.isFinite(period) && period >= 2))
		throw new RangeError('period must be at least 2 points');
	if (harmonics && period !== undefined && 2 * harmonics > period)
		throw new RangeError(`${harmonics} harmonics need a period of at least ${2 * harmonics} points`);
	if (lag !== undefined && !(Number.isInteger(lag) && lag >= 0))
		throw new RangeError('lag must be a whole number of 0 or more');
	if (options.windowEnd !== undefined && options.slope)
		throw new RangeError(
			'a slope change cannot be estimated for a temporary window (windowEnd); leave out one or the other'
		);
	if (options.windowEnd !== undefined && options.windowEnd < options.start)
		throw new RangeError(`windowEnd (${options.windowEnd}) is before start (${options.start})`);
	if (level !== undefined && !(level > 0 && level < 1))
		throw new RangeError('level must be between 0 and 1, e.g. 0.95');
}

const isCount = (v: number) => Number.isInteger(v) && v >= 0;

function chooseFamily(values: readonly number[], asked: Family | undefined): { family: Family; why: string } {
	if (asked) return { family: asked, why: `${asked}, as asked.` };
	return values.every(isCount)
		? {
				family: 'quasipoisson',
				why: 'quasi-Poisson: every value is a whole number of 0 or more, so the series is treated as counts that may vary more than Poisson allows.'
			}
		: {
				family: 'gaussian',
				why: 'Gaussian: some values are negative or not whole numbers, so the series is treated as a continuous measure.'
			};
}

export function resolveOptions(facts: SeriesFacts, options: ItsOptions): Resolution {
	validateOptions(options);
	const warnings: string[] = [];
	const { family, why: whyFamily } = chooseFamily(facts.values, options.family);
	const link = linkOf(family);
	const unit = unitOf(facts.spacing);
	const yearPoints = naturalPeriod(facts.spacing);
	const cycles = (period: number) =>
		`${SEASONAL_CYCLES} full cycles (${formatCount(Math.floor(SEASONAL_CYCLES * period))} ${unit}s)`;

	let harmonics = 0;
	let period: number | null = null;
	let monthDummies = false;
	let whySeasonality: string;
	if (options.monthDummies) {
		const year = facts.spacing === 'daily' ? 365.25 : yearPoints;
		if (seasonalityFits(facts.pointsBefore, year)) {
			monthDummies = true;
			whySeasonality = 'month-of-year indicators, as asked.';
		} else {
			whySeasonality = 'none: month indicators were asked for, but the pre-period covers less than two full years.';
			warnings.push(
				'Seasonality was dropped: month indicators need two full years before the start. A campaign in a busy or quiet season may be credited with that season.'
			);
		}
	} else if (options.harmonics === 0) {
		whySeasonality = SEASONALITY_OFF_AS_ASKED;
	} else {
		const wanted = options.period ?? yearPoints;
		const asked = options.harmonics !== undefined;
		if (seasonalityFits(facts.pointsBefore, wanted)) {
			harmonics = options.harmonics ?? Math.min(2, Math.floor(wanted / 2));
			period = wanted;
			whySeasonality = asked
				? `${harmonics} Fourier pair${harmonics === 1 ? '' : 's'} with a period of ${formatSignificant(wanted, 6)} ${unit}s, as asked.`
				: `${harmonics} Fourier pairs with a period of one year, chosen because the pre-period covers at least ${cycles(wanted)}; pass harmonics 0 to turn it off.`;
		} else {
			whySeasonality = `none: the pre-period covers less than ${cycles(wanted)}, too little to learn a seasonal pattern.`;
			warnings.push(
				asked
					? `Seasonality was dropped: it needs ${cycles(wanted)} before the start. A campaign in a busy or quiet season may be credited with that season.`
					: `Seasonality is not modelled: the pre-period covers less than ${cycles(wanted)}. A campaign in a busy or quiet season may be credited with that season.`
			);
		}
	}

	if (facts.hasExposure && link === 'identity')
		warnings.push(
			'The exposure was ignored: an offset applies to count models. To model a rate with the Gaussian family, divide the values by the exposure first.'
		);
	if (family === 'poisson' && !facts.values.every(isCount))
		warnings.push('Some values are not whole counts; the Poisson fit treats them as counts anyway.');

	const nwLag = family === 'gaussian' ? neweyWestLag(facts.points) : null;
	const whyErrors =
		family === 'gaussian'
			? `Newey-West (HAC) with a Bartlett kernel and ${nwLag} lags (floor(4·(n/100)^(2/9)), n = ${facts.points}), the n/(n − p) correction, and t quantiles with n − p degrees of freedom.`
			: family === 'quasipoisson'
				? 'model-based, scaled by the Pearson dispersion χ²/(n − p), with t quantiles on n − p degrees of freedom.'
				: 'model-based with the dispersion fixed at 1 and normal quantiles; quasi-Poisson is safer when counts vary more than Poisson allows.';

	const slope = options.slope ?? false;
	const lag = options.lag ?? 0;
	const level = options.level ?? 0.95;
	const resolved: ResolvedItsOptions = {
		start: facts.start,
		end: facts.end,
		spacing: facts.spacing,
		family,
		link,
		slope,
		harmonics,
		period,
		monthDummies,
		lag,
		level,
		windowEnd: facts.windowEnd ?? null,
		standardErrors: family === 'gaussian' ? 'newey-west' : family,
		neweyWestLag: nwLag,
		why: { family: whyFamily, seasonality: whySeasonality, standardErrors: whyErrors }
	};
	return {
		resolved,
		spec: { family, slope, lag, harmonics, period: period ?? yearPoints, monthDummies, level },
		warnings
	};
}
