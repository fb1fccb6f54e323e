import { parentPort, workerData } from 'node:worker_threads';
import { Refusal } from '../../refusal';
import { WORKBOOK_LIMITS, type WorkbookLimits } from './limits';
import { parseWorkbook } from './parse';
import type { Sheet } from './sheet';

export interface WorkerInput {
	bytes: Uint8Array;
	limits: Partial<WorkbookLimits>;
}

export type WorkerOutput = { sheets: Sheet[] } | { refusal: string } | { failure: string };

/** Runs inside the worker thread: reads the workbook it was handed and posts the sheets, or why not. */
export function runWorkbookWorker(): void {
	const { bytes, limits } = workerData as WorkerInput;
	let output: WorkerOutput;
	try {
		output = {
			sheets: parseWorkbook(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
				...WORKBOOK_LIMITS,
				...limits
			})
		};
	} catch (error) {
		output =
			error instanceof Refusal
				? { refusal: error.message }
				: { failure: error instanceof Error ? error.message : String(error) };
	}
	parentPort!.postMessage(output);
}
