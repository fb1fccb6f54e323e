import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../demo/csv';
import { createRandom } from '../demo/random';
import { fakeIpAddress } from './test-support';
import { fakeLibcalRegistrantsExport, fakeSummerReadingExport, type FakeExport } from './fake-patrons';

const summer = fakeSummerReadingExport();
const libcal = fakeLibcalRegistrantsExport();
const column = (fake: FakeExport, name: string) => fake.rows.map((row) => row[fake.header.indexOf(name)] ?? '');

describe('fake patron exports', () => {
	it('are seeded: the same seed gives the same bytes, another seed other people', () => {
		expect(fakeSummerReadingExport().csv).toBe(summer.csv);
		expect(fakeSummerReadingExport(7).csv).not.toBe(summer.csv);
		expect(fakeLibcalRegistrantsExport().csv).toBe(libcal.csv);
	});

	it('write CSV that reads back as the rows', () => {
		for (const fake of [summer, libcal]) {
			const [header, ...rows] = parseCsv(fake.csv).map((record) => record.map((cell) => cell.value));
			expect(header).toEqual(fake.header);
			expect(rows).toEqual(fake.rows);
		}
		expect(summer.rows).toHaveLength(200);
		expect(libcal.rows.length).toBeGreaterThan(100);
	});

	it('list every personal cell they wrote, once', () => {
		for (const fake of [summer, libcal]) {
			const listed = new Set(fake.personalValues.map((entry) => entry.value));
			expect(listed.size).toBe(fake.personalValues.length);
			for (const name of new Set(fake.personalValues.map((entry) => entry.column))) {
				for (const value of column(fake, name)) if (value !== '') expect(listed.has(value)).toBe(true);
			}
		}
		expect(new Set(summer.personalValues.map((entry) => entry.kind))).toEqual(
			new Set(['patron_id', 'name', 'email', 'phone', 'street_address', 'birth_date', 'card_number'])
		);
	});

	it('use only fictional contact details: the 555-01xx block, RFC 2606 domains, Codabar barcodes with a Luhn check digit', () => {
		for (const fake of [summer, libcal]) {
			for (const { kind, value } of fake.personalValues) {
				if (kind === 'phone') expect(value).toMatch(/555[-. )]*01\d\d$/);
				if (kind === 'email') expect(value).toMatch(/@(mail\.)?example\.(com|net|org)$/);
				if (kind === 'card_number') {
					expect(value).toMatch(/^23921\d{9}$/);
					expect(luhnValid(value)).toBe(true);
				}
			}
		}
		const random = createRandom(1);
		for (let i = 0; i < 20; i++) expect(fakeIpAddress(random)).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/);
	});

	it('give each reader a birth date that fits their age group on the day they registered', () => {
		const bands: Record<string, [number, number]> = {
			'Early literacy (0-5)': [0, 5],
			'Kids (6-11)': [6, 11],
			'Teens (12-17)': [12, 17],
			'Adults (18+)': [18, 110]
		};
		const at = (name: string, row: string[]) => row[summer.header.indexOf(name)]!;
		for (const row of summer.rows) {
			const [month, day, year] = at('Birthdate', row).split('/').map(Number) as [number, number, number];
			const age = (Date.parse(at('Registered On', row)) - Date.UTC(year, month - 1, day)) / (365.2425 * 86_400_000);
			const [from, to] = bands[at('Age Group', row)]!;
			expect(age).toBeGreaterThanOrEqual(from);
			expect(age).toBeLessThan(to + 1);
		}
	});

	it("write nothing distinctive that the demo library's exports also contain, so a database search finds only leaks", () => {
		const demo = fileURLToPath(new URL('../../../data/demo/', import.meta.url));
		const text = readdirSync(demo)
			.map((name) => readFileSync(join(demo, name), 'utf8'))
			.join('\n');
		for (const { value, distinctive } of [...summer.personalValues, ...libcal.personalValues]) {
			if (distinctive) expect(text.includes(value) ? value : null).toBeNull();
		}
	});
});

function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let digit = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
		sum += digit;
	}
	return sum % 10 === 0;
}
