/** Promoted versus not promoted: a difference-in-differences of program attendance with randomisation inference. */
export { promotedVersusNot } from './promoted-versus-not';
export {
	MIN_PRE_PERIODS,
	MIN_PROGRAMS_PER_ARM,
	MIN_SESSIONS_PER_SIDE,
	PRE_TREND_ALPHA,
	type DidGroup,
	type DidOptions,
	type DidResult,
	type PreTrend,
	type ProgramSession
} from './types';
