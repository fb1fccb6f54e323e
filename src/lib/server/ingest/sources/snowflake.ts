/** X post IDs at or above this are Snowflakes; older IDs (before November 2010) carry no time. */
export const FIRST_SNOWFLAKE_ID = 30_000_000_000n;
export const TWITTER_EPOCH_MS = 1_288_834_974_657n;

/** The UTC instant encoded in a Snowflake ID: (id >> 22) + 1288834974657 ms. Null for older IDs. */
export function snowflakeTimeSql(id: string): string {
	return `CASE WHEN TRY_CAST(${id} AS UBIGINT) >= ${FIRST_SNOWFLAKE_ID} THEN timezone('UTC', epoch_ms(CAST((TRY_CAST(${id} AS UBIGINT) >> 22) + ${TWITTER_EPOCH_MS} AS BIGINT))) END`;
}
