/** Header cells compare case- and whitespace-insensitively, with any byte-order mark removed. */
export function normaliseHeader(cell: unknown): string {
	return String(cell ?? '')
		.replace(/^\uFEFF/, '')
		.trim()
		.replace(/\s+/g, ' ')
		.toLowerCase();
}
