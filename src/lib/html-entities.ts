const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decodes the entities XML and escaped exports write (&amp; &lt; &gt; &quot; &apos; and numeric
 * ones such as &#39; or &#x2019;) in one pass, so "&amp;lt;" stays "&lt;". The .xlsx reader and the
 * X legacy export's escaped text both come through here; a code point beyond Unicode is left as written.
 */
export function decodeEntities(text: string): string {
	return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (entity, name: string) => {
		const named = NAMED[name.toLowerCase()];
		if (named) return named;
		const codePoint = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
		return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
	});
}
