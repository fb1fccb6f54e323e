import type { ImportError } from '../../domain/imports';
import type { SourceSpec } from './source';

/** A file Lantern will not import, with what to tell the person. Nothing of it is stored. */
export class Refusal extends Error {
	constructor(
		message: string,
		readonly errors: ImportError[] = [],
		readonly errorCount = errors.length,
		readonly source: SourceSpec | null = null,
		/** the file is a spreadsheet no format recognised: people can map its columns by hand */
		readonly unrecognised = false
	) {
		super(message);
	}
}

/** The error as a refusal: an unexpected one says what went wrong in its first line. */
export function asRefusal(error: unknown): Refusal {
	if (error instanceof Refusal) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new Refusal(`Lantern could not import this file: ${message.split('\n')[0]}`);
}
