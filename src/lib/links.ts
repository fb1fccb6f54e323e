/**
 * A link from an uploaded file, safe to put in an href: only http and https. A `javascript:` or
 * `data:` "permalink" in a crafted export would otherwise run script in Lantern's origin on click.
 */
export function safeExternalUrl(url: string | null | undefined): string | null {
	if (!url) return null;
	try {
		const parsed = new URL(url.trim());
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
	} catch {
		return null;
	}
}
