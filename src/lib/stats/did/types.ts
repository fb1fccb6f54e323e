/** The promoted-versus-not contract: sessions in; the ratio, the groups and the pre-trend out; and the data it needs. */

export interface ProgramSession {
	programId: string;
	/** Comparison stratum built by the caller, e.g. category|branch|day-part. */
	group: string;
	/** YYYY-MM-DD session date. */
	date: string;
	attendance: number;
	/** This session had promotion posts; a program with any such session is a promoted program. */
	promoted: boolean;
}

export interface DidOptions {
	/** Date promotion began for the promoted programs; sessions on it count as after. */
	promotionStart: string;
	/** Bucket size of the pre-trend periods, in days; default 7. */
	periodDays?: number;
	/** Relabellings drawn when there are more distinct ones than this; default 2000. */
	permutations?: number;
	seed?: number;
	/** Confidence level of the interval; default 0.95. */
	level?: number;
}

export interface DidGroup {
	group: string;
	/** Valid sessions, before and after the start, of the group's promoted and unpromoted programs. */
	promotedSessions: number;
	comparisonSessions: number;
	/** This group's own DiD ratio; null when it has no usable promoted or comparison program. */
	ratio: number | null;
}

export interface PreTrend {
	/** Attendance per session in each pre-period, adjusted for which programs met in it. */
	periods: { period: string; promoted: number; comparison: number }[];
	/** Slope of log(promoted / comparison) per period: 0.02 is the promoted arm gaining about 2% a period. */
	slopeDifference: number;
	p: number;
	/** Pre-trends not parallel: the slope's p is below PRE_TREND_ALPHA. */
	flagged: boolean;
}

export type DidResult =
	| {
			ok: true;
			/** Promoted programs' attendance per session after/before, relative to comparison programs in the same groups. */
			estimate: { ratio: number; lower: number; upper: number; p: number };
			/** Attendance per promoted session after the start, minus what it would have been at ratio 1. */
			difference: { perSession: number; lower: number; upper: number };
			groups: DidGroup[];
			preTrend: PreTrend;
			warnings: string[];
	  }
	| { ok: false; /** Starts "Not enough data to estimate: ". */ reason: string; warnings: string[] };

/** docs/impact-methods.md, "Sufficiency rules": two programs per arm, five sessions each side per arm, three pre-periods. */
export const MIN_PROGRAMS_PER_ARM = 2;
export const MIN_SESSIONS_PER_SIDE = 5;
export const MIN_PRE_PERIODS = 3;
/** A pre-trend check has little power on a few periods, so it flags at 10%, not 5%. */
export const PRE_TREND_ALPHA = 0.1;
