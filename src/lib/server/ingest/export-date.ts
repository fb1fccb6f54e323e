const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The last day an export covers, read from the names platforms give their files, so that the
 * newest export of a post wins whatever order files are uploaded in. Null when the name says nothing.
 *   tweet_activity_metrics_rOpenSci_20211101_20211201_en.csv   (X analytics)
 *   account_analytics_content_2024-11-21_2025-02-19.csv         (X Premium)
 *   Jan-27-2025_Feb-23-2025_541651602373282.csv                 (Meta Business Suite)
 */
export function exportEndFromFileName(fileName: string): string | null {
	const compact = /_(\d{8})_(\d{8})(?:_|\.)/.exec(fileName);
	if (compact) return isoDate(compact[2]!.slice(0, 4), compact[2]!.slice(4, 6), compact[2]!.slice(6, 8));
	const dashed = /(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})/.exec(fileName);
	if (dashed) return isoDate(...(dashed[2]!.split('-') as [string, string, string]));
	const meta = /([A-Za-z]{3})-(\d{2})-(\d{4})_([A-Za-z]{3})-(\d{2})-(\d{4})/.exec(fileName);
	if (meta) {
		const month = MONTHS.indexOf(meta[4]!.toLowerCase());
		if (month >= 0) return isoDate(meta[6]!, String(month + 1).padStart(2, '0'), meta[5]!);
	}
	return null;
}

function isoDate(year: string, month: string, day: string): string | null {
	const iso = `${year}-${month}-${day}`;
	const date = new Date(`${iso}T00:00:00Z`);
	return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** When the export was observed: the end of its last day (UTC noon the day after is too late), else `fallback`. */
export function observedAt(fileName: string, fallback: Date): Date {
	const end = exportEndFromFileName(fileName);
	if (!end) return fallback;
	const endOfDay = new Date(`${end}T23:59:59Z`);
	return endOfDay.getTime() < fallback.getTime() ? endOfDay : fallback;
}
