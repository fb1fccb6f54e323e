/**
 * The checks an analyst could do by hand on the demo files: window against the same season of the
 * other years, straight from the raw rows. The tests use them to prove each baked effect is
 * visible (and each no-effect campaign is not) without trusting the generator's own bookkeeping.
 */
import { readCsvRecords } from './csv';

export interface RawRatio {
	ratio: number;
	windowCases: number;
	baselineCases: number;
}

export interface DateWindow {
	from: string;
	to: string;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const monthDay = (iso: string) => iso.slice(5, 10);
/** The same stretch of the calendar, in any year (the windows here never cross New Year). */
const inSeason = (iso: string, window: DateWindow) =>
	monthDay(iso) >= monthDay(window.from) && monthDay(iso) <= monthDay(window.to);
const inWindow = (iso: string, window: DateWindow) => iso >= window.from && iso <= window.to;

/**
 * Mean recorded storytime attendance at a branch in the window, over its mean in the same season
 * of the other years. Cancelled and unrecorded sessions (blank attendance) are left out.
 */
export function storytimeAttendanceRatio(libcalCsv: string, branch: string, window: DateWindow): RawRatio {
	const sessions = readCsvRecords(libcalCsv).filter(
		(row) =>
			row.Campus === branch &&
			(row.Categories ?? '').includes('Literacy > Storytimes') &&
			row['Actual Attendance (In-Person)'] !== ''
	);
	const during = sessions.filter((row) => inWindow(row['Start Date'] ?? '', window));
	const baseline = sessions.filter((row) => {
		const date = row['Start Date'] ?? '';
		return inSeason(date, window) && !inWindow(date, window);
	});
	const attendance = (rows: typeof sessions) => rows.map((row) => Number(row['Actual Attendance (In-Person)']));
	return {
		ratio: mean(attendance(during)) / mean(attendance(baseline)),
		windowCases: during.length,
		baselineCases: baseline.length
	};
}

/**
 * All-branch monthly totals of a usage metric in the months the window touches, over the same
 * calendar months of the other years (each month's other-year values averaged first).
 */
export function usageRatio(usageCsv: string, metric: string, window: DateWindow): RawRatio {
	const totals = new Map<string, number>();
	for (const row of readCsvRecords(usageCsv)) {
		if (row.metric !== metric) continue;
		const month = (row.period_start ?? '').slice(0, 7);
		totals.set(month, (totals.get(month) ?? 0) + Number(row.value));
	}
	const windowMonths = [...totals.keys()].filter(
		(month) => month >= window.from.slice(0, 7) && month <= window.to.slice(0, 7)
	);
	let during = 0;
	let expected = 0;
	let baselineCases = 0;
	for (const month of windowMonths) {
		const others = [...totals.entries()].filter(([other]) => other.slice(5) === month.slice(5) && other !== month);
		during += totals.get(month) ?? 0;
		expected += mean(others.map(([, value]) => value));
		baselineCases += others.length;
	}
	return { ratio: during / expected, windowCases: windowMonths.length, baselineCases };
}

/**
 * A summer's total registrations over what the other summers predict once their own growth is
 * taken out: mean over other years y of total(y) × growth^(year − y).
 */
export function summerRegistrationRatio(literacyCsv: string, year: number, growthPerYear: number): RawRatio {
	const totals = new Map<number, number>();
	for (const row of readCsvRecords(literacyCsv)) {
		if (row.metric !== 'registrations') continue;
		const summer = Number((row.period_start ?? '').slice(0, 4));
		totals.set(summer, (totals.get(summer) ?? 0) + Number(row.value));
	}
	const others = [...totals.entries()].filter(([summer]) => summer !== year);
	const predicted = mean(others.map(([summer, total]) => total * growthPerYear ** (year - summer)));
	return { ratio: (totals.get(year) ?? 0) / predicted, windowCases: 1, baselineCases: others.length };
}

/**
 * Mean engagement rate (engagements ÷ impressions) of X posts carrying a hashtag inside a window,
 * over that of all posts outside every listed window.
 */
export function xEngagementRateRatio(
	xCsv: string,
	hashtag: string,
	window: DateWindow,
	campaignWindows: readonly DateWindow[]
): RawRatio {
	const posts = readCsvRecords(xCsv).map((row) => ({
		date: (row.time ?? '').slice(0, 10),
		text: row['Tweet text'] ?? '',
		rate: Number(row.engagements) / Number(row.impressions)
	}));
	const tagged = posts.filter((post) => inWindow(post.date, window) && post.text.includes(`#${hashtag}`));
	const ordinary = posts.filter((post) => !campaignWindows.some((other) => inWindow(post.date, other)));
	return {
		ratio: mean(tagged.map((post) => post.rate)) / mean(ordinary.map((post) => post.rate)),
		windowCases: tagged.length,
		baselineCases: ordinary.length
	};
}
