import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './csv-export';

describe('CSV written back to people', () => {
	it('neutralises cells a spreadsheet would run as formulas', () => {
		for (const formula of ['=HYPERLINK("http://x","click")', '+1+2', '-2+3', '@SUM(A1)', '\t=1'])
			expect(neutraliseCell(formula)).toBe(`'${formula}`);
		expect(neutraliseCell('-12')).toBe('-12');
		expect(neutraliseCell('−3.0%')).toBe('−3.0%');
		// A change as the formatter writes it: the table and its CSV say the same.
		expect(neutraliseCell('+0.7%')).toBe('+0.7%');
		expect(neutraliseCell('+1,204')).toBe('+1,204');
		expect(neutraliseCell('Storytime')).toBe('Storytime');
	});

	it('quotes cells with commas, quotes and line breaks', () => {
		expect(
			toCsv(
				['Week of', 'Text'],
				[
					['Jan 5, 2026', 'say "hi"\nthere'],
					['Jan 12, 2026', '=1+1']
				]
			)
		).toBe('Week of,Text\r\n"Jan 5, 2026","say ""hi""\nthere"\r\n"Jan 12, 2026",\'=1+1\r\n');
	});
});
