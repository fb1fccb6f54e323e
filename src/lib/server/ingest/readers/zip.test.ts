import { describe, expect, it } from 'vitest';
import { zipOf } from './test-support';
import { isSystemClutter, readZipEntry, zipEntries } from './zip';

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

describe('archives as tools write them', () => {
	it('reads a ZIP64 archive (sizes and offsets in ZIP64 records), as some tools always write', () => {
		const csv = Buffer.from('period_start,period,branch,metric,value\n2026-01-01,month,Central,visits,5\n');
		const zip = zipOf({ 'usage.csv': csv }, {}, { zip64: true });
		const [entry] = zipEntries(zip);
		expect(entry).toMatchObject({ name: 'usage.csv', size: csv.length });
		expect(readZipEntry(zip, entry!).toString()).toBe(csv.toString());
	});

	it('says a password-protected archive is password-protected, not damaged', () => {
		const zip = zipOf({ 'posts.csv': Buffer.from('a,b\n1,2\n') }, {}, { encrypted: ['posts.csv'] });
		const [entry] = zipEntries(zip);
		expect(() => readZipEntry(zip, entry!)).toThrow(/password-protected\. Zip the export again without a password/);
	});

	it('says a truncated archive is damaged, in words, never with a raw offset error', () => {
		const zip = zipOf({ 'a.csv': Buffer.from('x,y\n1,2\n') }, {}, { zip64: true });
		const cut = Buffer.concat([zip.subarray(0, 10), zip.subarray(zip.length - 60)]);
		expect(() => zipEntries(cut)).toThrow(/damaged/);
		expect(() => zipEntries(cut)).not.toThrow(/out of range/);
	});

	it('knows the files an operating system adds that are not exports', () => {
		for (const name of [
			'__MACOSX/._usage.csv',
			'__MACOSX/export/._posts.csv',
			'export/._posts.csv',
			'.DS_Store',
			'Thumbs.db'
		])
			expect(isSystemClutter(name)).toBe(true);
		for (const name of ['usage.csv', 'data/tweets.js', 'export/posts_2026.csv'])
			expect(isSystemClutter(name)).toBe(false);
	});
});
