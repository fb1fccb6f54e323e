import { describe, expect, it } from 'vitest';
import { classifyFormatCode, serialToText, timeFormatOf } from './number-format';

describe('number formats', () => {
	it.each([
		['yyyy-mm-dd', 'date'],
		['d/m/yy', 'date'],
		['mmm-yy', 'date'],
		['[$-409]dddd, mmmm d, yyyy', 'date'],
		['"Week of "d mmm', 'date'],
		['[Red]dd/mm/yyyy;[Blue]General', 'date'],
		['yyyy\\-mm\\-dd', 'date'],
		['dd/mm/yyyy hh:mm', 'date-time'],
		['h:mm AM/PM', 'time'],
		['mm:ss', 'time'],
		['[h]:mm', 'duration'],
		['[mm]:ss', 'duration'],
		['#,##0', null],
		['0.00%', null],
		['0.00E+00', null],
		['#,##0 "days"', null],
		['"hh:mm" 0', null],
		['\\d0', null],
		['_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', null],
		['[$€-407] #,##0.00', null],
		['General', null],
		['@', null]
	])('%s is %s', (code, kind) => {
		expect(classifyFormatCode(code)?.kind ?? null).toBe(kind);
	});

	it('knows the built-in date and time ids, and lets a workbook redefine an id', () => {
		expect([14, 22, 20, 46, 27, 58, 0, 1, 49].map((id) => timeFormatOf(id, new Map())?.kind ?? null)).toEqual([
			'date',
			'date-time',
			'time',
			'duration',
			'date',
			'date',
			null,
			null,
			null
		]);
		expect(timeFormatOf(14, new Map([[14, '0.00']]))).toBeNull();
	});

	it('writes serials in both date systems, rounding to the second', () => {
		expect(serialToText(46023, { kind: 'date' }, false)).toBe('2026-01-01');
		expect(serialToText(44561, { kind: 'date' }, true)).toBe('2026-01-01');
		expect(serialToText(46023.999999999, { kind: 'date-time' }, false)).toBe('2026-01-02 00:00:00');
		expect(serialToText(0.4375, { kind: 'time', seconds: false }, false)).toBe('10:30');
		expect(serialToText(0.4375, { kind: 'time', seconds: true }, false)).toBe('10:30:00');
		expect(serialToText(2.25, { kind: 'duration', seconds: false }, false)).toBe('54:00');
		expect(serialToText(-1, { kind: 'date' }, false)).toBe('-1');
	});
});
