/** Header cells compare case- and whitespace-insensitively, with any byte-order mark removed. */
export function normaliseHeader(cell: string | null | undefined): string {
	return (cell ?? '')
		.replace(/^\uFEFF/, '')
		.trim()
		.replace(/\s+/g, ' ')
		.toLowerCase();
}
