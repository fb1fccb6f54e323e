import { describe, expect, it } from 'vitest';
import { zipOf } from './test-support';
import { readZipEntry, zipEntries } from './zip';

describe('zip reader', () => {
	it('reads an entry', () => {
		const zip = zipOf({ 'a.csv': Buffer.from('x,y\n1,2\n') });
		const [entry] = zipEntries(zip);
		expect(readZipEntry(zip, entry!).toString()).toBe('x,y\n1,2\n');
	});

	it('refuses a ZIP bomb before inflating it', () => {
		const zeros = Buffer.alloc(50 * 1024 * 1024);
		expect(() => zipEntries(zipOf({ 'bomb.csv': zeros }))).toThrow(/ZIP bomb/);
	});

	it('refuses an archive of many small entries that together expand hundreds of times (300 × 1 MB from under 1 MB)', () => {
		const files: Record<string, Buffer> = {};
		for (let i = 0; i < 300; i++)
			files[`part-${i}.csv`] = Buffer.alloc(1024 * 1024, `period_start,period,branch,metric,value\n`);
		const zip = zipOf(files);
		expect(zip.length).toBeLessThan(1024 * 1024);
		expect(() => zipEntries(zip)).toThrow(/ZIP bomb/);
	});

	it('opens an ordinary export archive: a few CSVs that compress about tenfold', () => {
		const rows = Array.from(
			{ length: 20_000 },
			(_, i) => `2026-01-${String((i % 28) + 1).padStart(2, '0')},day,Branch ${i % 7},visits,${(i * 7919) % 1000}`
		).join('\n');
		const zip = zipOf({ 'a.csv': Buffer.from(rows), 'b.csv': Buffer.from(rows.replaceAll('visits', 'circulation')) });
		expect(zipEntries(zip)).toHaveLength(2);
	});

	it('never inflates past the size an entry declares', () => {
		const zip = zipOf({ 'liar.csv': Buffer.alloc(200_000, 65) }, { 'liar.csv': 1000 });
		const [entry] = zipEntries(zip);
		expect(() => readZipEntry(zip, entry!)).toThrow(/damaged or larger than it claims/);
	});
});
