import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { Refusal } from '../../refusal';
import type { WorkbookLimits } from './limits';
import type { Sheet } from './sheet';
import type { WorkerInput, WorkerOutput } from './worker';

export type { Sheet } from './sheet';

/**
 * The thread a workbook is read in: it may take this long and this much heap before it is stopped.
 * Real workbooks take well under a second; the limits in limits.ts keep a hostile one inside these.
 */
export const WORKBOOK_THREAD = { timeoutMs: 30_000, heapMb: 512 };

export interface ReadWorkbookOptions {
	timeoutMs?: number;
	heapMb?: number;
	/** lower limits than WORKBOOK_LIMITS, for tests */
	limits?: Partial<WorkbookLimits>;
}

/**
 * A workbook's sheets (.xlsx or .xls), read in a worker thread with a heap limit and a deadline, so
 * a hostile file can neither stall the server's event loop nor exhaust its memory: reading stops at
 * the first limit passed and the file is refused, saying why.
 */
export async function readWorkbook(bytes: Uint8Array, options: ReadWorkbookOptions = {}): Promise<Sheet[]> {
	const timeoutMs = options.timeoutMs ?? WORKBOOK_THREAD.timeoutMs;
	const heapMb = options.heapMb ?? WORKBOOK_THREAD.heapMb;
	const input: WorkerInput = { bytes, limits: options.limits ?? {} };
	const worker = await startWorker(input, { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 });
	try {
		const output = await new Promise<WorkerOutput>((resolve, reject) => {
			const timer = setTimeout(
				() =>
					reject(
						new Refusal(
							`Lantern stopped reading this workbook after ${timeoutMs / 1000} seconds. Open it in Excel and save it again, or save the sheet you need as CSV (UTF-8) and upload that.`
						)
					),
				timeoutMs
			);
			worker.once('message', (message: WorkerOutput) => {
				clearTimeout(timer);
				resolve(message);
			});
			worker.once('error', (error: Error & { code?: string }) => {
				clearTimeout(timer);
				reject(
					error.code === 'ERR_WORKER_OUT_OF_MEMORY'
						? new Refusal(
								`This workbook needs more memory to read than Lantern allows one file (${heapMb} MB). Save the sheet you need as CSV (UTF-8) and upload that.`
							)
						: error
				);
			});
			worker.once('exit', () => {
				clearTimeout(timer);
				reject(new Error('the workbook reader stopped without an answer'));
			});
		});
		if ('refusal' in output) throw new Refusal(output.refusal);
		if ('failure' in output) throw new Error(output.failure);
		return output.sheets;
	} finally {
		await worker.terminate();
	}
}

/**
 * Under Vite (the server, its dev mode, Vitest) the worker runs the reader bundled into one script
 * by scripts/workbook-worker.js. Under tsx alone (the `lantern` command) there is no bundle: the
 * worker registers tsx's loader and imports the reader's TypeScript source.
 */
async function startWorker(input: WorkerInput, resourceLimits: ResourceLimits): Promise<Worker> {
	const script = await import('virtual:lantern/workbook-worker').then((module) => module.default).catch(() => null);
	if (script) return new Worker(script, { eval: true, workerData: input, resourceLimits });
	const fromSource = { ...input, reader: new URL('./worker.ts', import.meta.url).href, loader: tsxLoader() };
	return new Worker(FROM_SOURCE, { eval: true, workerData: fromSource, resourceLimits });
}

const FROM_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
	(await import(workerData.loader)).register();
	(await import(workerData.reader)).runWorkbookWorker();
})().catch((error) => parentPort.postMessage({ failure: String(error && error.message ? error.message : error) }));
`;

let tsxLoaderUrl: string | null = null;

/** tsx's ESM registration module, found through its package exports. */
function tsxLoader(): string {
	if (tsxLoaderUrl) return tsxLoaderUrl;
	const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
	const exported = (
		JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }
	).exports['./esm/api']!.import.default;
	tsxLoaderUrl = pathToFileURL(join(dirname(manifest), exported)).href;
	return tsxLoaderUrl;
}

/** A sheet as CSV text, every cell quoted, so the CSV pipeline reads it like any export. */
export function sheetToCsv(sheet: Sheet): string {
	// A loop, not Math.max(...rows): spreading a million rows as arguments overflows the stack.
	const width = sheet.rows.reduce((widest, row) => Math.max(widest, row.length), 1);
	return (
		sheet.rows
			.map((row) => Array.from({ length: width }, (_, i) => `"${(row[i] ?? '').replaceAll('"', '""')}"`).join(','))
			.join('\n') + '\n'
	);
}
