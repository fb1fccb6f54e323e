import { hashtagsSql } from '../field-sql';

/** What every X analytics export says the same way: the account from the link, replies by a leading @, hashtags. */
export function xPostColumns(text: string, link: string): Record<string, string> {
	return {
		platform: `'x'`,
		// https://twitter.com/<account>/status/<id>, read with string splits: cheaper than a regular expression on every row.
		account: `CASE WHEN split_part(${link}, '/', 5) = 'status' AND list_contains(['twitter.com', 'x.com', 'www.twitter.com', 'mobile.twitter.com', 'www.x.com', 'mobile.x.com'], lower(split_part(${link}, '/', 3))) THEN nullif(split_part(${link}, '/', 4), '') END`,
		text,
		permalink: link,
		post_type: `CASE WHEN starts_with(coalesce(${text}, ''), '@') THEN 'reply' ELSE 'post' END`,
		hashtags: hashtagsSql(text),
		impressions_basis: `'impressions'`
	};
}
