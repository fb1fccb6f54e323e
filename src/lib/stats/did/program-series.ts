/**
 * Sessions into program series, and which of them can speak to the difference: malformed rows,
 * one-sided programs and groups without a comparison arm are left out, each with a warning.
 */
import { formatCount } from '../../format';
import { plural } from '../plural';
import { dayNumber } from '../series-dates';
import type { DidGroup, ProgramSession } from './types';

/** One program's sessions in one group: the unit that is promoted or not, and that is relabelled. */
export interface ProgramSeries {
	programId: string;
	group: string;
	promoted: boolean;
	sessionsBefore: number;
	sessionsAfter: number;
	attendanceBefore: number;
	attendanceAfter: number;
	/** Sessions before the start, for the pre-trend periods. */
	earlier: { date: string; day: number; attendance: number }[];
	/** Unpromoted sessions from the start on that came before the program's first promoted one. */
	lateStart: number;
}

const list = (names: string[]) =>
	names
		.slice(0, 3)
		.map((n) => `"${n}"`)
		.join(', ') + (names.length > 3 ? ` and ${formatCount(names.length - 3)} more` : '');

/** Sessions grouped into program series; malformed rows are left out with a warning, not a crash. */
export function collectSeries(sessions: readonly ProgramSession[], start: number, warnings: string[]): ProgramSeries[] {
	const byKey = new Map<string, ProgramSeries>();
	const firstPromoted = new Map<string, number>();
	const bad: string[] = [];
	const promotedEarly: string[] = [];
	for (const session of sessions) {
		const day = dayNumber(session.date);
		if (day === null || !(Number.isFinite(session.attendance) && session.attendance >= 0)) {
			bad.push(`${session.programId} on ${session.date}`);
			continue;
		}
		const key = `${session.group}\u0000${session.programId}`;
		let series = byKey.get(key);
		if (!series) {
			series = {
				programId: session.programId,
				group: session.group,
				promoted: false,
				sessionsBefore: 0,
				sessionsAfter: 0,
				attendanceBefore: 0,
				attendanceAfter: 0,
				earlier: [],
				lateStart: 0
			};
			byKey.set(key, series);
		}
		if (session.promoted) {
			series.promoted = true;
			if (day < start) promotedEarly.push(`${session.programId} on ${session.date}`);
			else firstPromoted.set(key, Math.min(firstPromoted.get(key) ?? Infinity, day));
		}
		if (day < start) {
			series.sessionsBefore++;
			series.attendanceBefore += session.attendance;
			series.earlier.push({ date: session.date, day, attendance: session.attendance });
		} else {
			series.sessionsAfter++;
			series.attendanceAfter += session.attendance;
		}
	}
	for (const session of sessions) {
		const key = `${session.group}\u0000${session.programId}`;
		const day = dayNumber(session.date);
		const first = firstPromoted.get(key);
		if (day !== null && first !== undefined && day >= start && day < first) byKey.get(key)!.lateStart++;
	}
	if (bad.length)
		warnings.push(
			`Left out ${plural(bad.length, 'session')} with a date that is not YYYY-MM-DD or an attendance that is missing or negative: ${list(bad)}.`
		);
	if (promotedEarly.length)
		warnings.push(
			`${plural(promotedEarly.length, 'session')} marked promoted ${promotedEarly.length === 1 ? 'falls' : 'fall'} before the promotion start (${list(promotedEarly)}); ${promotedEarly.length === 1 ? 'it counts' : 'they count'} as before promotion, which understates any effect.`
		);
	const late = [...byKey.values()].filter((s) => s.lateStart >= 2).map((s) => s.programId);
	if (late.length)
		warnings.push(
			`Promotion of ${list(late)} began some sessions after the start: if it is a later campaign, estimate that cohort with its own start date.`
		);
	const programs = new Map<string, Set<string>>();
	for (const s of byKey.values()) programs.set(s.programId, (programs.get(s.programId) ?? new Set()).add(s.group));
	const split = [...programs].filter(([, g]) => g.size > 1).map(([id]) => id);
	if (split.length)
		warnings.push(
			`${list(split)} ${split.length === 1 ? 'appears' : 'appear'} in more than one group; each group's sessions are treated as a separate program.`
		);
	return [...byKey.values()].sort((a, b) =>
		a.group === b.group ? (a.programId < b.programId ? -1 : 1) : a.group < b.group ? -1 : 1
	);
}

export function summariseGroups(series: readonly ProgramSeries[]): Omit<DidGroup, 'ratio'>[] {
	const groups = new Map<string, Omit<DidGroup, 'ratio'>>();
	for (const s of series) {
		const g = groups.get(s.group) ?? { group: s.group, promotedSessions: 0, comparisonSessions: 0 };
		if (s.promoted) g.promotedSessions += s.sessionsBefore + s.sessionsAfter;
		else g.comparisonSessions += s.sessionsBefore + s.sessionsAfter;
		groups.set(s.group, g);
	}
	return [...groups.values()];
}

/**
 * A program speaks to the difference only with sessions (and some attendance) on both sides of
 * the start, and a group only with programs in both arms; the rest is left out, and said so.
 */
export function usableSeries(
	series: readonly ProgramSeries[],
	groups: readonly Omit<DidGroup, 'ratio'>[],
	warnings: string[]
): ProgramSeries[] {
	const oneSided = series.filter((s) => s.sessionsBefore === 0 || s.sessionsAfter === 0);
	const empty = series.filter(
		(s) => s.sessionsBefore > 0 && s.sessionsAfter > 0 && (s.attendanceBefore === 0 || s.attendanceAfter === 0)
	);
	if (oneSided.length)
		warnings.push(`Left out ${list(oneSided.map((s) => s.programId))}: no sessions on one side of the start.`);
	if (empty.length)
		warnings.push(
			`Left out ${list(empty.map((s) => s.programId))}: attendance was 0 at every session on one side of the start, so the change is not a ratio.`
		);
	const paired = series.filter((s) => !oneSided.includes(s) && !empty.includes(s));
	const usable: ProgramSeries[] = [];
	const lonely: string[] = [];
	for (const { group } of groups) {
		const members = paired.filter((s) => s.group === group);
		if (members.some((s) => s.promoted) && members.some((s) => !s.promoted)) usable.push(...members);
		else if (members.some((s) => s.promoted)) lonely.push(group);
	}
	if (lonely.length)
		warnings.push(
			`No comparison programs in ${lonely.length === 1 ? 'group' : 'groups'} ${list(lonely)}: ${lonely.length === 1 ? 'its' : 'their'} promoted programs are left out.`
		);
	return usable;
}
