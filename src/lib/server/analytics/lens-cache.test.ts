import { beforeAll, describe, expect, it } from 'vitest';
import { readDashboardQuery } from '../../domain/dashboard-filters';
import type { Database } from '../db/database';
import { demoDatabase } from '../db/test-support';
import { literacyDashboard } from './literacy';
import { programsDashboard } from './programs';
import { socialDashboard } from './social';
import { usageDashboard } from './usage';

describe('the lens pages by data version', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	});

	it.each([
		['social', socialDashboard, 'from=2025-07-01&to=2025-12-31&platform=instagram'],
		['programs', programsDashboard, 'from=2025-01-01&to=2025-12-31&branch=Central'],
		['usage', usageDashboard, 'from=2025-10-01&to=2025-12-31&branch=Eastside'],
		['literacy', literacyDashboard, 'from=2025-06-01&to=2025-08-31&compare=year']
	] as const)(
		'%s answers a repeat from memory, and recomputes the same figures after a change',
		async (_, page, search) => {
			const query = readDashboardQuery(new URLSearchParams(search)).query;
			const first = await page(db, query);
			let asked = 0;
			const counting: Database = {
				...db,
				path: db.path,
				// a view of the same opened database, as scoped.ts and posts-snapshot.ts make
				base: db,
				get dataVersion() {
					return db.dataVersion;
				},
				query: (sql, params) => {
					asked += 1;
					return db.query(sql, params);
				},
				withConnection: (work) => {
					asked += 1;
					return db.withConnection(work);
				}
			};
			expect(await page(counting, query)).toBe(first);
			expect(asked).toBe(0);
			db.markChanged();
			const again = await page(db, query);
			expect(again).not.toBe(first);
			expect(again).toEqual(first);
		}
	);
});
