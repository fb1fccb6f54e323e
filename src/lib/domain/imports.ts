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
