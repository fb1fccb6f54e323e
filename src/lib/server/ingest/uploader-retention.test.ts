import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_FIXTURES, tempDatabase } from '../db/test-support';
import { saveSettings } from '../settings';
import { importFile } from './pipeline';
import { FORGOTTEN_UPLOADER, forgetUploaderNames, importsAsSeen } from './uploader-retention';

const DAY = 86_400_000;

describe("uploaders' names", () => {
	it('are forgotten after the retention setting, and the sweep keeps newer ones', async () => {
		const db = await tempDatabase();
		const now = new Date('2026-06-01T12:00:00Z');
		await importFile(db, join(SOURCE_FIXTURES, 'usage_monthly.csv'), {
			importedBy: 'Maria Lopez',
			now: new Date(now.getTime() - 100 * DAY)
		});
		await importFile(db, join(SOURCE_FIXTURES, 'summer_reading.csv'), {
			importedBy: 'Sam Lee',
			now: new Date(now.getTime() - 10 * DAY)
		});
		expect(await forgetUploaderNames(db, now)).toBe(1);
		const seenByAdmin = await importsAsSeen(db, { actor: 'admin@example.org', managesImports: true });
		expect(seenByAdmin.map((item) => item.importedBy)).toEqual(['Sam Lee', FORGOTTEN_UPLOADER]);
		const stored = await db.query<{ imported_by: string | null }>(
			'SELECT imported_by FROM import_log ORDER BY import_id'
		);
		expect(stored.map((row) => row.imported_by)).toEqual([null, 'Sam Lee']);

		await saveSettings(db, { uploaderNamesKeptDays: 7 });
		expect(await forgetUploaderNames(db, now)).toBe(1);
		const rows = await db.query<{ n: number }>('SELECT count(*) AS n FROM import_log WHERE imported_by IS NOT NULL');
		expect(Number(rows[0]!.n)).toBe(0);
	});

	it('are shown only to those who manage imports; staff see "you" on their own', async () => {
		const db = await tempDatabase();
		await importFile(db, join(SOURCE_FIXTURES, 'usage_monthly.csv'), { importedBy: 'maria@example.org' });
		await importFile(db, join(SOURCE_FIXTURES, 'summer_reading.csv'), { importedBy: 'sam@example.org' });
		const staff = await importsAsSeen(db, { actor: 'sam@example.org', managesImports: false });
		expect(staff.map((item) => [item.importedBy, item.mine])).toEqual([
			['you', true],
			[FORGOTTEN_UPLOADER, false]
		]);
		const director = await importsAsSeen(db, { actor: 'dee@example.org', managesImports: true });
		expect(director.map((item) => item.importedBy)).toEqual(['sam@example.org', 'maria@example.org']);
	});

	it('keep the retention setting in Settings, refusing what is not a number of days', async () => {
		const db = await tempDatabase();
		await expect(saveSettings(db, { uploaderNamesKeptDays: 0 })).rejects.toThrow(/at least 1 day/);
		expect((await saveSettings(db, { uploaderNamesKeptDays: 30 })).uploaderNamesKeptDays).toBe(30);
	});
});
