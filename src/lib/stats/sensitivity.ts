/**
 * Model sensitivity: the same campaign estimated under the other reasonable specifications (a
 * change in trend or not, one to three seasonal pairs, the state-space cross-check). When two of
 * them cannot both be right (each one's estimate lies outside the other's interval) the result
 * depends on the model, and the reader must be told: AirPassengers with a fake 1955 start reads
 * +7% (+3% to +12%) with a level change alone and −7% (−12% to −1%) with a change in trend.
 */
import { formatSignedPercent } from '../format';
import type { ItsOptions, ItsResult, ItsSuccess } from './its';
import type { StateSpaceResult } from './state-space';

export interface ModelAlternative {
	/** For the table: "Level change, 2 seasonal pairs (the estimate above)", "Cross-check against Central". */
	label: string;
	/** For a sentence: "with a level change and 2 seasonal pairs", "against Central". */
	phrase: string;
	kind: 'main' | 'its' | 'cross-check';
	/** Average relative effect over the post period (0.07 is +7%) and its interval. */
	estimate: number;
	lower: number;
	upper: number;
	p: number;
}

export interface ModelSensitivity {
	alternatives: ModelAlternative[];
	/** Two specifications whose estimates each fall outside the other's interval. */
	dependsOnModel: boolean;
	/** The sentences for the paragraph: that the result depends on the model, or what to believe when the cross-check disagrees; empty when they agree. */
	sentences: string[];
}

const percent = (value: number) => formatSignedPercent(value, 0);
const reading = (a: ModelAlternative) => `${percent(a.estimate)} (${percent(a.lower)} to ${percent(a.upper)})`;
const excludesZero = (a: ModelAlternative) => a.lower > 0 || a.upper < 0;
const inside = (value: number, a: ModelAlternative) => a.lower <= value && value <= a.upper;

function spec(options: ItsSuccess['options']): { trend: string; season: string } {
	return {
		trend: options.slope ? 'a level and trend change' : 'a level change',
		season: options.monthDummies
			? 'a month-of-year season'
			: options.harmonics === 0
				? 'no season'
				: `${options.harmonics} seasonal pair${options.harmonics === 1 ? '' : 's'}`
	};
}

function fromIts(result: ItsSuccess, kind: ModelAlternative['kind']): ModelAlternative | null {
	const { average, p } = result.summary;
	const { trend, season } = spec(result.options);
	const label = `${trend}, ${season}${kind === 'main' ? ' (the estimate above)' : ''}`;
	const alternative = {
		label: label.charAt(0).toUpperCase() + label.slice(1),
		phrase: `with ${trend} and ${season}`,
		kind,
		estimate: average.relative,
		lower: average.relativeLower,
		upper: average.relativeUpper,
		p
	};
	return [alternative.estimate, alternative.lower, alternative.upper].every(Number.isFinite) ? alternative : null;
}

/**
 * The other specifications to try beside `main`: the trend change toggled (not with a temporary
 * window, which cannot take one), and one seasonal pair fewer and more when the season is modelled by
 * Fourier pairs. Each is refitted by `run`, so a season-with-season series is refitted the same way.
 */
export function itsAlternatives(main: ItsSuccess, run: (options: Partial<ItsOptions>) => ItsResult): ItsSuccess[] {
	const { options } = main;
	const variants: Partial<ItsOptions>[] = [];
	if (options.windowEnd === null) variants.push({ slope: !options.slope });
	if (!options.monthDummies && options.harmonics > 0 && options.period !== null) {
		if (options.harmonics > 1) variants.push({ harmonics: options.harmonics - 1 });
		if (2 * (options.harmonics + 1) <= options.period) variants.push({ harmonics: options.harmonics + 1 });
	}
	const refit = (variant: Partial<ItsOptions>): ItsResult | null => {
		try {
			return run(variant);
		} catch {
			// An option the estimator cannot combine (a period too short for one more pair): no alternative, not an error.
			return null;
		}
	};
	return variants.map(refit).filter((r): r is ItsSuccess => r?.ok === true);
}

/** Judge the specifications against each other and against the cross-check, and say what to believe. */
export function modelSensitivity(
	main: ItsSuccess,
	others: readonly ItsSuccess[],
	crossCheck?: { result: StateSpaceResult; against: string } | null
): ModelSensitivity | null {
	const first = fromIts(main, 'main');
	if (!first) return null;
	const alternatives = [first, ...others.map((r) => fromIts(r, 'its')).filter((a) => a !== null)];
	let check: ModelAlternative | null = null;
	if (crossCheck?.result.ok) {
		const { average, p } = crossCheck.result.summary;
		const candidate = {
			label: `Cross-check against ${crossCheck.against}`,
			phrase: `against ${crossCheck.against}`,
			kind: 'cross-check' as const,
			estimate: average.relative,
			lower: average.relativeLower,
			upper: average.relativeUpper,
			p
		};
		if ([candidate.estimate, candidate.lower, candidate.upper].every(Number.isFinite)) {
			check = candidate;
			alternatives.push(check);
		}
	}
	if (alternatives.length < 2) return null;

	let conflict: [ModelAlternative, ModelAlternative] | null = null;
	for (let i = 0; i < alternatives.length && !conflict; i++)
		for (let j = i + 1; j < alternatives.length && !conflict; j++) {
			const a = alternatives[i]!;
			const b = alternatives[j]!;
			if (!inside(a.estimate, b) && !inside(b.estimate, a)) conflict = [a, b];
		}
	const sentences: string[] = [];
	if (conflict) {
		const [a, b] = conflict;
		sentences.push(
			`This result depends on the model: ${a.phrase} it reads ${reading(a)}, ${b.phrase} ${reading(b)}; both cannot be right, so no single figure here is the campaign's effect (the models are compared side by side).`
		);
	} else if (check) {
		const verdict = crossCheckVerdict(first, check);
		if (verdict) sentences.push(verdict);
	}
	return { alternatives, dependsOnModel: conflict !== null, sentences };
}

/** One sentence for a main estimate and a cross-check that do not say the same thing but do not contradict each other. */
function crossCheckVerdict(main: ModelAlternative, check: ModelAlternative): string | null {
	if (excludesZero(main) === excludesZero(check)) return null;
	if (excludesZero(main))
		return `The cross-check reads ${reading(check)}: too uncertain to confirm this estimate but not against it, since its interval includes ${percent(main.estimate)}; believe the direction of the estimate above, which rests on this series' own past, and treat its size as rougher than its interval says.`;
	return `The cross-check reads ${reading(check)}, a clearer change than the estimate above, whose interval includes it; believe that the outcome moved relative to the comparison series only as far as they were untouched by the campaign, since the series' own past cannot tell.`;
}
