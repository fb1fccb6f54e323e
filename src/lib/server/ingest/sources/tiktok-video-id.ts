/** TikTok launched worldwide in 2016 (as Douyin in September 2016): an ID decoding earlier is not a video ID. */
export const FIRST_TIKTOK_SECOND = 1_472_688_000; // 2016-09-01T00:00:00Z

/**
 * The UTC instant a TikTok video was created, from its ID: the upper 32 of its 64 bits are Unix
 * seconds (7527623000473079054 >> 32 = 1752661308 = 2025-07-16 10:21:48 UTC). Null when the text is no
 * such ID, or decodes to a time before TikTok or more than a day after `latest` (SQL for a TIMESTAMPTZ,
 * such as the export's end), a day's grace for exports dated in another time zone.
 */
export function tiktokVideoTimeSql(id: string, latest: string): string {
	const seconds = `(TRY_CAST(${id} AS UBIGINT) >> 32)`;
	return `CASE WHEN ${seconds} >= ${FIRST_TIKTOK_SECOND} AND to_timestamp(CAST(${seconds} AS BIGINT)) <= ${latest} + INTERVAL 1 DAY THEN to_timestamp(CAST(${seconds} AS BIGINT)) END`;
}
