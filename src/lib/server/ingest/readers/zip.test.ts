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

	it('never inflates past the size an entry declares', () => {
		const zip = zipOf({ 'liar.csv': Buffer.alloc(200_000, 65) }, { 'liar.csv': 1000 });
		const [entry] = zipEntries(zip);
		expect(() => readZipEntry(zip, entry!)).toThrow(/damaged or larger than it claims/);
	});
});
