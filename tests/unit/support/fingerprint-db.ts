/**
 * Opens a database in a fresh process (as the next start of Lantern would) and prints the
 * fingerprint of every table, or `{"error": …}` when it cannot be opened.
 * Usage: tsx tests/unit/support/fingerprint-db.ts DATABASE
 */
import { openDatabase } from '../../../src/lib/server/db/database';
import { fingerprintEveryTable } from '../../../src/lib/server/db/fingerprint';

const [database] = process.argv.slice(2);
if (!database) throw new Error('Usage: fingerprint-db.ts DATABASE');
try {
	const db = await openDatabase(database);
	process.stdout.write(`${JSON.stringify(await fingerprintEveryTable(db))}\n`);
	await db.close();
} catch (error) {
	process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
}
