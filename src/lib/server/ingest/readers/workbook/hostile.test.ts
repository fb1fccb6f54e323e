import { describe, expect, it } from 'vitest';
import { Refusal } from '../../refusal';
import { readWorkbook } from '..';
import { worksheetXml, xlsxFromXml } from './test-support';

const oneSheet = (rows: string) => xlsxFromXml({ sheets: { Data: worksheetXml(rows) } });

/** What reading gives: the sheets, or the error it was refused with. */
async function outcome(work: () => Promise<unknown>): Promise<unknown> {
	try {
		return await work();
	} catch (error) {
		return error;
	}
}

/** Counts how often a 5 ms timer fires while `work` runs: none at all means the event loop was blocked. */
async function ticksDuring<T>(
	work: () => Promise<T>
): Promise<{ result: T | Error; ticks: number; longestGapMs: number }> {
	let ticks = 0;
	let last = performance.now();
	let longestGapMs = 0;
	const timer = setInterval(() => {
		const now = performance.now();
		longestGapMs = Math.max(longestGapMs, now - last);
		last = now;
		ticks += 1;
	}, 5);
	try {
		const result = (await outcome(work)) as T | Error;
		return { result, ticks, longestGapMs };
	} finally {
		clearInterval(timer);
	}
}

describe('hostile workbooks', () => {
	it('refuses a cell at ZZZZZZ2, naming the sheet and the cell, instead of padding a row to 169 million cells', async () => {
		const workbook = oneSheet('<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>');
		expect(workbook.length).toBeLessThan(1200);
		const refusal = await outcome(() => readWorkbook(workbook));
		expect(refusal).toBeInstanceOf(Refusal);
		expect((refusal as Refusal).message).toMatch(
			/Sheet "Data" has a cell at ZZZZZZ2, beyond Excel's last column \(XFD\)/
		);
	});

	it('refuses a row numbered 99,999,999 at once, naming the sheet and the row (it took 92 s and 6 GB)', async () => {
		const started = performance.now();
		const refusal = await outcome(() =>
			readWorkbook(oneSheet('<row r="99999999"><c r="A99999999"><v>1</v></c></row>'))
		);
		expect((refusal as Refusal).message).toMatch(
			/Sheet "Data" has a cell in row 99,999,999 \(A99999999\), beyond Excel's last row \(1,048,576\)/
		);
		expect(performance.now() - started).toBeLessThan(10_000);
	});

	it('refuses one value at XFD1048576 for its used area instead of padding 17 billion empty cells', async () => {
		const refusal = await outcome(() =>
			readWorkbook(oneSheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
		);
		expect((refusal as Refusal).message).toMatch(
			/Sheet "Data" has a value in cell XFD1048576, which makes the workbook's used area more than 2,000,000 cells/
		);
	});

	it('reads 40,000 unclosed <row> tags in linear time, off the event loop (the regex reader froze the server for 8 s on them)', async () => {
		// Random attributes keep the sheet from compressing past the ZIP limits' ratio check.
		const noise = () => Math.random().toString(36).slice(2, 12);
		const workbook = oneSheet(
			Array.from({ length: 40_000 }, () => `<row x="${noise()}">`).join('') +
				'<c r="A1" t="inlineStr"><is><t>x</t></is></c>'
		);
		const started = performance.now();
		const { result, ticks } = await ticksDuring(() => readWorkbook(workbook));
		expect(performance.now() - started).toBeLessThan(10_000);
		// Whatever the verdict on such a file, the server's timers kept running while it was read.
		expect(ticks).toBeGreaterThan(0);
		expect(result instanceof Error ? result : result.map((sheet) => sheet.name)).toEqual(expect.anything());
	});

	it('keeps the event loop running while a large workbook is read in its worker thread', async () => {
		const rows = Array.from(
			{ length: 20_000 },
			(_, r) =>
				`<row r="${r + 1}">${['A', 'B', 'C', 'D', 'E'].map((c) => `<c r="${c}${r + 1}" t="inlineStr"><is><t>cell ${c}${r + 1}</t></is></c>`).join('')}</row>`
		).join('');
		const { result, ticks, longestGapMs } = await ticksDuring(() => readWorkbook(oneSheet(rows)));
		expect(result).not.toBeInstanceOf(Error);
		expect((result as { rows: string[][] }[])[0]!.rows[19_999]).toEqual([
			'cell A20000',
			'cell B20000',
			'cell C20000',
			'cell D20000',
			'cell E20000'
		]);
		expect(ticks).toBeGreaterThan(0);
		expect(longestGapMs).toBeLessThan(2_000);
	});

	it('stops a reading that passes its deadline and refuses the file in words', async () => {
		const rows = Array.from(
			{ length: 50_000 },
			(_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`
		).join('');
		const refusal = await outcome(() => readWorkbook(oneSheet(rows), { timeoutMs: 5 }));
		expect(refusal).toBeInstanceOf(Refusal);
		expect((refusal as Refusal).message).toMatch(/stopped reading this workbook after 0.005 seconds/);
	});

	it('refuses a workbook whose reading needs more heap than its thread may have', async () => {
		const strings = Array.from({ length: 200_000 }, (_, i) => `<si><t>${'text '.repeat(20)}${i}</t></si>`).join('');
		const workbook = xlsxFromXml({
			sheets: { Data: worksheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') },
			sharedStrings: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>`
		});
		const refusal = await outcome(() => readWorkbook(workbook, { heapMb: 16 }));
		expect((refusal as Refusal).message).toMatch(/needs more memory to read than Lantern allows one file \(16 MB\)/);
		// The same heap is plenty for an ordinary sheet: the limit stopped the strings, not the thread's start.
		expect(await readWorkbook(oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>'), { heapMb: 16 })).toEqual([
			{ name: 'Data', rows: [['1']] }
		]);
	});

	it('refuses past its limits on shared strings, text, sheets and scanned bytes, saying which', async () => {
		const strings = `<sst>${Array.from({ length: 11 }, (_, i) => `<si><t>s${i}</t></si>`).join('')}</sst>`;
		const sheet = worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>0123456789</t></is></c></row>');
		const refusalOf = async (workbook: Buffer, limits: object) =>
			((await outcome(() => readWorkbook(workbook, { limits }))) as Error).message;
		expect(
			await refusalOf(xlsxFromXml({ sheets: { Data: sheet }, sharedStrings: strings }), { sharedStrings: 10 })
		).toMatch(/more than 10 distinct texts/);
		expect(await refusalOf(xlsxFromXml({ sheets: { Data: sheet } }), { textCharacters: 5 })).toMatch(
			/more text than Lantern reads from one file \(over 5 characters\)/
		);
		expect(await refusalOf(xlsxFromXml({ sheets: { A: sheet, B: sheet, C: sheet } }), { sheets: 2 })).toMatch(
			/more than 2 sheets/
		);
		expect(await refusalOf(xlsxFromXml({ sheets: { Data: sheet } }), { scannedBytes: 100 })).toMatch(
			/too large for Lantern to read/
		);
	});

	it('expands no entity beyond the XML predefines: a document type declaration is refused', async () => {
		const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><worksheet xmlns="${'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
		const refusal = await outcome(() => readWorkbook(xlsxFromXml({ sheets: { Data: laughs } })));
		expect((refusal as Refusal).message).toMatch(/declares a document type, which Excel never writes/);
	});
});
