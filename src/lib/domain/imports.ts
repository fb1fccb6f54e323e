import { z } from 'zod';

export const ImportStatus = z.enum(['imported', 'rejected', 'duplicate']);

export interface ImportError {
	/** 1-based row in the file (the header is a row), or null when the problem is the whole file */
	row: number | null;
	column: string | null;
	message: string;
}

export interface ImportResult {
	importId: number | null;
	fileName: string;
	source: string | null;
	sourceLabel: string | null;
	status: z.infer<typeof ImportStatus>;
	rowsLoaded: number;
	/** the first 100 problems */
	errors: ImportError[];
	errorCount: number;
	duplicateOf?: number;
	/** a refusal in one sentence; for an import, what it loaded when that is more than rows ("46 stories") */
	summary?: string;
	/** a spreadsheet no format recognised; its columns can be mapped by hand */
	unrecognised?: boolean;
	/** what the import report adds, such as the personal columns that were dropped and why */
	notes?: string[];
	/** where to map it (web uploads only) */
	mapUrl?: string;
}

/** A file refused before it could be read (too large, no name, interrupted), as any refusal reads. */
export function refusedUpload(fileName: string, message: string): ImportResult {
	return {
		importId: null,
		fileName,
		source: null,
		sourceLabel: null,
		status: 'rejected',
		rowsLoaded: 0,
		errors: [{ row: null, column: null, message }],
		errorCount: 1,
		summary: message
	};
}
