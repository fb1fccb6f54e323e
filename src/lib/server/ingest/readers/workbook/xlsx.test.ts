import { describe, expect, it } from 'vitest';
import { readWorkbook } from '..';
import { excelJsWorkbook, SPREADSHEET_NS, worksheetXml, xlsxFromXml } from './test-support';

const rowsOf = async (workbook: Buffer, sheet = 0) => (await readWorkbook(workbook))[sheet]!.rows;

describe('xlsx written by hand, as other generators write it', () => {
	it('reads sheets whose every element carries a namespace prefix (<x:row>, <x:c>, <x:v>), as some .NET writers do', async () => {
		const rows =
			'<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c><x:c r="B2"><x:v>120</x:v></x:c></x:row>';
		const workbook = xlsxFromXml({
			prefix: 'x',
			sheets: { Visits: worksheetXml(rows, 'x') },
			sharedStrings: `<x:sst xmlns:x="${SPREADSHEET_NS}"><x:si><x:t>Branch</x:t></x:si><x:si><x:t>Visits</x:t></x:si><x:si><x:t>Central</x:t></x:si></x:sst>`
		});
		expect(await readWorkbook(workbook)).toEqual([
			{
				name: 'Visits',
				rows: [
					['Branch', 'Visits'],
					['Central', '120']
				]
			}
		]);
	});

	it('keeps shared strings in place after an empty <si/>, joins rich-text runs and leaves out phonetic readings', async () => {
		const strings = `<sst xmlns="${SPREADSHEET_NS}"><si><t>Date</t></si><si/><si><r><t>Vis</t></r><r><rPr><b/></rPr><t xml:space="preserve">its </t></r></si><si><t>本館</t><rPh sb="0" eb="2"><t>ホンカン</t></rPh></si><si><t>Line one_x000D_
line two</t></si></sst>`;
		const cells = [0, 1, 2, 3, 4].map((i) => `<c r="${'ABCDE'[i]}1" t="s"><v>${i}</v></c>`).join('');
		expect(
			await rowsOf(xlsxFromXml({ sheets: { S: worksheetXml(`<row r="1">${cells}</row>`) }, sharedStrings: strings }))
		).toEqual([['Date', '', 'Visits ', '本館', 'Line one\r\nline two']]);
	});

	it('reads booleans, errors (as empty), formulas by their cached value, formula strings and inline strings', async () => {
		const cells = [
			'<c r="A1" t="b"><v>1</v></c>',
			'<c r="B1" t="b"><v>0</v></c>',
			'<c r="C1" t="e"><f>VLOOKUP(1,Z1:Z2,2,0)</f><v>#N/A</v></c>',
			'<c r="D1"><f>SUM(1,2)</f><v>3</v></c>',
			'<c r="E1" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c>',
			'<c r="F1" t="inlineStr"><is><t>Hi &amp; bye</t></is></c>',
			'<c r="G1" t="inlineStr"><is><r><t>rich </t></r><r><t>inline</t></r></is></c>'
		].join('');
		expect(await rowsOf(xlsxFromXml({ sheets: { S: worksheetXml(`<row r="1">${cells}</row>`) } }))).toEqual([
			['TRUE', 'FALSE', '', '3', 'a&b', 'Hi & bye', 'rich inline']
		]);
	});

	it('places cells and rows that leave out their r reference after the previous ones', async () => {
		const rows =
			'<row><c t="inlineStr"><is><t>Branch</t></is></c><c t="inlineStr"><is><t>Visits</t></is></c></row><row><c t="inlineStr"><is><t>Central</t></is></c><c><v>120</v></c></row><row r="5"><c r="B5"><v>7</v></c><c><v>8</v></c></row>';
		expect(await rowsOf(xlsxFromXml({ sheets: { S: worksheetXml(rows) } }))).toEqual([
			['Branch', 'Visits'],
			['Central', '120'],
			[],
			[],
			['', '7', '8']
		]);
	});

	it('reads CDATA sections and leaves empty cells between values empty', async () => {
		const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a < b]]></t></is></c><c r="D1"><v>4</v></c></row>';
		expect(await rowsOf(xlsxFromXml({ sheets: { S: worksheetXml(rows) } }))).toEqual([['a < b', '', '', '4']]);
	});
});

describe('xlsx written by ExcelJS', () => {
	it('reads date cells as YYYY-MM-DD by their number format, built in or custom (46023 was refused as a number)', async () => {
		const workbook = await excelJsWorkbook((book) => {
			const sheet = book.addWorksheet('Usage');
			sheet.addRow([
				'Built-in 14',
				'ISO',
				'Day first',
				'Month name',
				'Quoted text',
				'Colour section',
				'Escaped',
				'Not a date'
			]);
			sheet.addRow([46023, 46023, 46023, 46023, 46023, 46023, 46023, 46023]);
			const formats = [
				'mm-dd-yy',
				'yyyy-mm-dd',
				'dd/mm/yyyy',
				'mmmm yyyy',
				'"Week of "d mmm',
				'[Red]dd/mm/yyyy;[Blue]0',
				'yyyy\\-mm\\-dd',
				'#,##0 "days"'
			];
			formats.forEach((format, i) => (sheet.getRow(2).getCell(i + 1).numFmt = format));
		});
		expect((await rowsOf(workbook))[1]).toEqual([
			'2026-01-01',
			'2026-01-01',
			'2026-01-01',
			'2026-01-01',
			'2026-01-01',
			'2026-01-01',
			'2026-01-01',
			'46023'
		]);
	});

	it('reads date-times as YYYY-MM-DD HH:MM:SS, times as HH:MM or HH:MM:SS, and [h]:mm as a duration', async () => {
		const workbook = await excelJsWorkbook((book) => {
			const sheet = book.addWorksheet('Events');
			sheet.addRow([
				new Date(Date.UTC(2026, 2, 14, 14, 5, 30)),
				0.4375,
				0.75,
				0.4375 + 15 / 86400,
				1.5,
				new Date(Date.UTC(2026, 2, 14, 9, 0, 0)),
				0.25
			]);
			const formats = ['dd/mm/yyyy hh:mm:ss', 'h:mm', 'h:mm AM/PM', 'hh:mm:ss', '[h]:mm', 'm/d/yyyy h:mm', '0.00%'];
			formats.forEach((format, i) => (sheet.getRow(1).getCell(i + 1).numFmt = format));
		});
		expect((await rowsOf(workbook))[0]).toEqual([
			'2026-03-14 14:05:30',
			'10:30',
			'18:00',
			'10:30:15',
			'36:00',
			'2026-03-14 09:00:00',
			'0.25'
		]);
	});

	it('reads dates of a workbook in the 1904 date system', async () => {
		const workbook = await excelJsWorkbook((book) => {
			book.properties.date1904 = true;
			const sheet = book.addWorksheet('Mac');
			sheet.addRow([new Date(Date.UTC(2026, 0, 1)), 0]);
			sheet.getRow(1).getCell(1).numFmt = 'yyyy-mm-dd';
			sheet.getRow(1).getCell(2).numFmt = 'yyyy-mm-dd';
		});
		expect(workbook.toString('latin1')).not.toContain('46023');
		expect((await rowsOf(workbook))[0]).toEqual(['2026-01-01', '1904-01-01']);
	});

	it('counts the 1900 leap-year bug: serial 60 is 29 February 1900, which never was, and serials below it are a day later', async () => {
		const workbook = await excelJsWorkbook((book) => {
			const sheet = book.addWorksheet('Leap');
			sheet.addRow([1, 59, 60, 61, 25569]);
			for (let i = 1; i <= 5; i++) sheet.getRow(1).getCell(i).numFmt = 'yyyy-mm-dd';
		});
		expect((await rowsOf(workbook))[0]).toEqual(['1900-01-01', '1900-02-28', '1900-02-29', '1900-03-01', '1970-01-01']);
	});

	it('keeps columns in place under a merged header (A1:C1), leaving the merged-away cells empty', async () => {
		const workbook = await excelJsWorkbook((book) => {
			const sheet = book.addWorksheet('Programs');
			sheet.getCell('A1').value = 'Summer reading 2026';
			sheet.mergeCells('A1:C1');
			sheet.getCell('D1').value = 'Notes';
			sheet.addRow(['Branch', 'Registrations', 'Completions', 'Notes']);
			sheet.addRow(['Central', 120, 80, 'good year']);
		});
		expect(await rowsOf(workbook)).toEqual([
			['Summer reading 2026', '', '', 'Notes'],
			['Branch', 'Registrations', 'Completions', 'Notes'],
			['Central', '120', '80', 'good year']
		]);
	});

	it('reads booleans, errors and formula results as ExcelJS writes them', async () => {
		const workbook = await excelJsWorkbook((book) => {
			const sheet = book.addWorksheet('Formulas');
			sheet.addRow([
				true,
				{ error: '#N/A' },
				{ formula: 'A2*2', result: 84 },
				{ formula: 'UPPER("a")', result: 'A' },
				{ richText: [{ text: 'Story' }, { font: { bold: true }, text: 'time' }] }
			]);
			sheet.addRow([42]);
		});
		expect((await rowsOf(workbook))[0]).toEqual(['TRUE', '', '84', 'A', 'Storytime']);
	});
});
