import { hashtagsSql } from '../field-sql';

/**
 * What every X analytics export says the same way: the account from the link, replies by a leading @,
 * the text, and hashtags read from it. `text` is the field read with `entities` (X writes `&amp;`),
 * so it is decoded once, where the cell is read, not once for each column here.
 */
export function xPostColumns(text: string, link: string): Record<string, string> {
	return {
		platform: `'x'`,
		// https://twitter.com/<account>/status/<id>; anchored at the start, so the regular expression fails fast.
		account: `nullif(regexp_extract(${link}, '^https?://(?:[A-Za-z]+\\.)?(?:twitter|x|TWITTER|X)\\.com/([A-Za-z0-9_]+)/status', 1), '')`,
		text,
		permalink: link,
		post_type: `CASE WHEN starts_with(coalesce(${text}, ''), '@') THEN 'reply' ELSE 'post' END`,
		hashtags: hashtagsSql(text),
		impressions_basis: `'impressions'`
	};
}
