import { it } from 'vitest';
import { fakeSummerReadingExport, fakeLibcalRegistrantsExport } from './fake-patrons';
import { detectPersonalColumns } from './detect';
it('smoke', () => {
	for (const f of [fakeSummerReadingExport(), fakeLibcalRegistrantsExport()]) {
		console.log(f.csv.split('\n').slice(0, 6).join('\n'));
		console.log(f.rows.length, f.personalValues.length);
		console.log(detectPersonalColumns(f.header, f.rows.slice(0, 50)));
		// value-only: blank headers
		console.log(detectPersonalColumns(f.header.map((_, i) => `Column ${i + 1}`), f.rows.slice(0, 50)));
	}
});
