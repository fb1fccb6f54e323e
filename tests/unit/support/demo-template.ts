// Vitest's global setup: the demo library loaded once per run, through the same import path people use
// (loadDemoLibrary), into a database file that the tests which read the demo open copies of
// (demoDatabase in db/test-support.ts). Each of 22 test files loaded the demo itself, about 2.5 s
// of processor time each on a 2-core machine. Tests of loading the demo (demo.test) still load it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { closeAll, openDatabase } from '../../../src/lib/server/db/database';
import { loadDemoLibrary } from '../../../src/lib/server/demo';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The demo library's database file, closed and checkpointed: copy it, never open it. */
		demoTemplate: string;
	}
}

export default async function setup(project: TestProject) {
	const folder = mkdtempSync(join(tmpdir(), 'lantern-demo-template-'));
	const path = join(folder, 'demo.duckdb');
	const db = await openDatabase(path);
	await loadDemoLibrary(db, fileURLToPath(new URL('../../../data/demo', import.meta.url)));
	await closeAll();
	project.provide('demoTemplate', path);
	return () => rmSync(folder, { recursive: true, force: true });
}
