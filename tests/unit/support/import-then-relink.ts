/**
 * The two steps importAny takes, with a line between them: imports the file (its rows commit),
 * prints "committed", then relinks. The kill test stops this process at that line.
 * Usage: tsx tests/unit/support/import-then-relink.ts FILE DATABASE
 */
import { basename } from 'node:path';
import { openDatabase } from '../../../src/lib/server/db/database';
import { relinkAfter } from '../../../src/lib/server/ingest/import-any';
import { importFile } from '../../../src/lib/server/ingest/pipeline';

const [file, database] = process.argv.slice(2);
if (!file || !database) throw new Error('Usage: import-then-relink.ts FILE DATABASE');
const db = await openDatabase(database);
const result = await importFile(db, file, { fileName: basename(file) });
if (result.status !== 'imported') throw new Error(`import ${result.status}`);
process.stdout.write('committed\n');
await relinkAfter(db);
process.stdout.write('relinked\n');
await db.close();
