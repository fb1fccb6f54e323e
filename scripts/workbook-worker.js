// The workbook reader's worker thread, bundled by esbuild into one self-contained script that Vite
// (the build, the dev server and Vitest) hands to src/lib/server/ingest/readers/workbook/index.ts as a
// string. A worker thread cannot share the server's modules, yet Rollup's chunks assume it can: as a
// chunk of its own, the reader imported `Refusal` from the pipeline's chunk, and with it DuckDB.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const WORKBOOK_WORKER_ID = 'virtual:lantern/workbook-worker';
const RESOLVED_ID = '\0' + WORKBOOK_WORKER_ID;
const READER_DIR = fileURLToPath(new URL('../src/lib/server/ingest/readers/workbook/', import.meta.url));

/** The worker's script: reads the workbook in `workerData` and posts the sheets back. */
export async function bundleWorkbookWorker() {
	const result = await build({
		stdin: {
			contents: "import { runWorkbookWorker } from './worker';\nrunWorkbookWorker();\n",
			resolveDir: READER_DIR,
			loader: 'ts',
			sourcefile: 'workbook-thread.ts'
		},
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		write: false,
		metafile: true,
		legalComments: 'none',
		logLevel: 'silent'
	});
	return {
		code: result.outputFiles[0]?.text ?? '',
		inputs: Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('<'))
	};
}

/** @returns {import('vite').Plugin} */
export function workbookWorker() {
	return {
		name: 'lantern-workbook-worker',
		resolveId(id) {
			return id === WORKBOOK_WORKER_ID ? RESOLVED_ID : null;
		},
		async load(id) {
			if (id !== RESOLVED_ID) return null;
			const { code, inputs } = await bundleWorkbookWorker();
			for (const input of inputs) this.addWatchFile(resolve(input));
			return `export default ${JSON.stringify(code)};`;
		}
	};
}
