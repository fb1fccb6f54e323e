/** The one vocabulary of metric names Lantern stores (README, "Public schema"). */
export const USAGE_METRICS = [
	'circulation',
	'digital_checkouts',
	'visits',
	'new_cards',
	'website_sessions',
	'computer_sessions',
	'wifi_sessions',
	'reference_questions',
	'events',
	'event_attendance'
] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];

/**
 * What a usage metric is called where one series is shown. Circulation alone is physical checkouts;
 * the Overview's key figure adds digital checkouts and says so, so a campaign page never calls the
 * physical count plain "circulation" beside it.
 */
export function usageMetricName(metric: string): string {
	return metric === 'circulation' ? 'physical circulation' : metric.replaceAll('_', ' ');
}

export const LITERACY_METRICS = [
	'registrations',
	'active_readers',
	'completions',
	'minutes_logged',
	'books_logged',
	'pages_logged'
] as const;

export const PERIODS = ['day', 'week', 'month', 'year'] as const;

/** The Project Outcome outcomes Lantern stores on the 1–5 scale (columns of survey_records). */
export const SURVEY_OUTCOMES = ['knowledge', 'confidence', 'application', 'awareness'] as const;

/** Every platform Lantern imports posts or account figures from, in the order pages list them. */
export const PLATFORM_LABELS: Record<string, string> = {
	x: 'X',
	facebook: 'Facebook',
	instagram: 'Instagram',
	tiktok: 'TikTok',
	youtube: 'YouTube',
	linkedin: 'LinkedIn',
	mastodon: 'Mastodon',
	bluesky: 'Bluesky'
};
