import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../db/test-support';
import { readWorkbook } from '..';
import { BIFF, compoundFileOf, workbookStreamOf, xlsOf } from './test-support';

const LIBREOFFICE = join(REPO_ROOT, 'src/lib/server/ingest/readers/fixtures');

/** What reading gives: the sheets, or the message it was refused with. */
async function outcome(bytes: Buffer): Promise<unknown> {
	try {
		return await readWorkbook(bytes);
	} catch (error) {
		return (error as Error).message;
	}
}

/** RK values as Excel writes them: an integer shifted left two with bit 1 set, or ×100 with bit 0 also set. */
const rkInteger = (n: number, times100 = false) => ((n << 2) | 0x02 | (times100 ? 0x01 : 0)) >>> 0;

describe('.xls written by LibreOffice', () => {
	it('reads LibCal events saved as .xls (BIFF8, a stream small enough for the mini stream): dates and times by their formats', async () => {
		const [sheet] = await readWorkbook(readFileSync(join(LIBREOFFICE, 'libcal-events.xls')));
		expect(sheet!.name).toBe('libcal-events');
		expect(sheet!.rows[0]!.slice(0, 6)).toEqual([
			'Event ID',
			'Title',
			'Start Date',
			'End Date',
			'Start Time',
			'End Time'
		]);
		expect(sheet!.rows[3]).toEqual([
			'10384177',
			'Author Talk: "Rivers of the Valley"',
			'2026-01-08',
			'2026-01-08',
			'18:30:00',
			'20:00:00',
			'Auditorium',
			'Central',
			'Adults',
			'Author Talks',
			'42',
			'38',
			'11'
		]);
	});

	it('reads a LinkedIn Page content workbook converted to .xls: both sheets, shared strings continued across records, date-time cells', async () => {
		const [metrics, posts] = await readWorkbook(readFileSync(join(LIBREOFFICE, 'linkedin-content.xls')));
		expect(metrics!.name).toBe('Metrics');
		expect(metrics!.rows[2]!.slice(0, 4)).toEqual(['3/1/2026', '337', '0', '337']);
		expect(metrics!.rows[7]![10]).toBe('-2');
		expect(posts!.name).toBe('All posts');
		expect(posts!.rows).toHaveLength(62);
		expect(posts!.rows[61]!.slice(0, 6)).toEqual([
			'Local history archive goes online: post 60 of our March series, with a longer caption as LinkedIn keeps the opening of each update as its title, sometimes two full sentences long.',
			'https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000059',
			'Organic',
			'',
			'Staff Member',
			'2026-03-04 12:53:00'
		]);
	});
});

describe('.xls written record by record', () => {
	it('reads each kind of cell: shared and inline strings, numbers, RK and MULRK, booleans, errors, formula results', async () => {
		const workbook = xlsOf(
			[BIFF.xf(0), BIFF.sst(['Branch', 'Visits'])],
			[
				{
					name: 'Usage',
					records: [
						BIFF.labelSst(0, 0, 0, 0),
						BIFF.labelSst(0, 1, 0, 1),
						BIFF.label(1, 0, 'Central'),
						BIFF.rk(1, 1, 0, rkInteger(4210)),
						BIFF.rk(1, 2, 0, rkInteger(1234, true)),
						BIFF.number(1, 3, 0, 0.1),
						BIFF.mulRk(2, 1, [
							{ xf: 0, rk: rkInteger(-5) },
							{ xf: 0, rk: rkInteger(7) }
						]),
						BIFF.boolErr(3, 0, 1, false),
						BIFF.boolErr(3, 1, 0x2a, true),
						BIFF.formula(3, 2, 0, 84),
						BIFF.formula(3, 3, 0, 'string'),
						BIFF.string('Storytime'),
						BIFF.formula(3, 4, 0, false),
						BIFF.formula(3, 5, 0, 'error')
					]
				},
				{ name: 'Chart1', records: [], chart: true }
			]
		);
		expect(await readWorkbook(workbook)).toEqual([
			{
				name: 'Usage',
				rows: [
					['Branch', 'Visits'],
					['Central', '4210', '12.34', '0.1'],
					['', '-5', '7'],
					['TRUE', '', '84', 'Storytime', 'FALSE']
				]
			}
		]);
	});

	it('reads dates by built-in and custom formats, in the 1904 date system when the workbook says so', async () => {
		const cells = [
			BIFF.number(0, 0, 1, 46023),
			BIFF.number(0, 1, 2, 46023.4375),
			BIFF.number(0, 2, 3, 0.4375),
			BIFF.number(0, 3, 0, 46023)
		];
		const formats = [BIFF.format(164, 'dd/mm/yyyy hh:mm'), BIFF.xf(0), BIFF.xf(14), BIFF.xf(164), BIFF.xf(20)];
		expect((await readWorkbook(xlsOf(formats, [{ name: 'Dates', records: cells }])))[0]!.rows).toEqual([
			['2026-01-01', '2026-01-01 10:30:00', '10:30', '46023']
		]);
		const mac = xlsOf([BIFF.dateMode1904(), ...formats], [{ name: 'Dates', records: [BIFF.number(0, 0, 1, 44561)] }]);
		expect((await readWorkbook(mac))[0]!.rows).toEqual([['2026-01-01']]);
	});

	it('reads shared strings whose characters run into a CONTINUE record, one byte a character before and two after', async () => {
		const workbook = xlsOf(
			[BIFF.sst(['Date', 'Café ☕ morning', 'Visits'], { index: 1, after: 5 })],
			[{ name: 'S', records: [0, 1, 2].map((i) => BIFF.labelSst(0, i, 0, i)) }]
		);
		expect((await readWorkbook(workbook))[0]!.rows).toEqual([['Date', 'Café ☕ morning', 'Visits']]);
	});

	it('refuses a password-protected workbook in words (FILEPASS), and an encrypted .xlsx', async () => {
		expect(await outcome(xlsOf([BIFF.filePass()], [{ name: 'S', records: [] }]))).toMatch(
			/protected with a password .* Open it in Excel, remove the password/
		);
		expect(
			await outcome(compoundFileOf({ EncryptionInfo: Buffer.alloc(10), EncryptedPackage: Buffer.alloc(10) }))
		).toMatch(/protected with a password/);
	});

	it('refuses an Office file that is not a workbook, and a workbook older than Excel 97', async () => {
		expect(await outcome(compoundFileOf({ WordDocument: Buffer.alloc(10) }))).toMatch(
			/a Microsoft Office file but not an Excel workbook/
		);
		expect(await outcome(compoundFileOf({ Book: Buffer.alloc(10) }))).toMatch(
			/Excel 5.0\/95 workbook, older than Lantern reads/
		);
		const biff5 = compoundFileOf({ Workbook: Buffer.concat([BIFF.bof('globals', 0x0500), BIFF.eof()]) });
		expect(await outcome(biff5)).toMatch(/older than Excel 97/);
	});

	it('refuses damaged containers quickly: a looping sector chain, a stream larger than the file, two sheets at one offset', async () => {
		const looping = xlsOf([], [{ name: 'S', records: [BIFF.label(0, 0, 'x')] }]);
		looping.writeUInt32LE(2, 512 + 2 * 4); // the Workbook stream's first sector points back at itself
		expect(await outcome(looping)).toMatch(/This Excel file is damaged \(a broken chain of sectors/);

		const tooLong = xlsOf([], [{ name: 'S', records: [] }]);
		tooLong.writeUInt32LE(50_000_000, 512 + 512 + 128 + 120); // the Workbook entry's size
		expect(await outcome(tooLong)).toMatch(/claims to be larger than the file/);

		const stream = workbookStreamOf(
			[],
			[
				{ name: 'A', records: [] },
				{ name: 'B', records: [] }
			]
		);
		const boundSheets: number[] = [];
		for (let at = 0; at + 4 <= stream.length; at += 4 + stream.readUInt16LE(at + 2))
			if (stream.readUInt16LE(at) === 0x0085) boundSheets.push(at + 4);
		stream.writeUInt32LE(stream.readUInt32LE(boundSheets[0]), boundSheets[1]); // B now starts where A does
		expect(await outcome(compoundFileOf({ Workbook: stream }))).toMatch(/two sheets start at the same place/);
	});
});
