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

/**
 * The error as a refusal. An unexpected one is said in words the person can act on (a full disk, a
 * read-only database folder, too little memory); the engine's own text, which may name a server
 * path, goes only to the server's log.
 */
export function asRefusal(error: unknown): Refusal {
	if (error instanceof Refusal) return error;
	const message = error instanceof Error ? error.message : String(error);
	console.error(`Lantern: an import failed: ${message.split('\n')[0]}`);
	return new Refusal(
		resourceProblem(error) ??
			'Lantern could not import this file because of an error on the server (its log has the details); nothing was imported. Try again, and if it happens again tell your administrator.'
	);
}

/** A full disk, a read-only folder or too little memory, in words; null for any other error. */
export function resourceProblem(error: unknown): string | null {
	const message = error instanceof Error ? error.message : String(error);
	const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
	if (code === 'ENOSPC' || /No space left on device|disk is full|not enough space/i.test(message)) return DISK_FULL;
	if (
		code === 'EROFS' ||
		code === 'EACCES' ||
		code === 'EPERM' ||
		/read-only file system|Permission denied/i.test(message)
	)
		return READ_ONLY;
	if (/Out of Memory|memory limit|Cannot allocate/i.test(message))
		return 'The server ran out of memory reading this file, and nothing was imported. Split the export into smaller date ranges, or ask your administrator to give Lantern more memory.';
	return null;
}

export const DISK_FULL =
	"The server's disk is full, so the file could not be imported; nothing was stored and the data already imported is unchanged. Ask your administrator to free space where Lantern keeps its database, then upload the file again.";
export const READ_ONLY =
	"Lantern cannot write to its database folder (it is read-only, or not writable by Lantern's user), so nothing could be stored; the data already imported is unchanged. Ask your administrator to make the folder writable.";
