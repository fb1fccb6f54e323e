import { describe, expect, it } from 'vitest';
import {
	formatCell,
	formatDecimal,
	formatPValue,
	formatMoney,
	formatChange,
	formatCompact,
	formatCount,
	formatDate,
	formatDateRange,
	formatDateTime,
	formatMonth,
	formatPercent,
	formatSignedPercent,
	formatSignedMeasure,
	formatMeasure,
	formatSignificant,
	decimalsFor,
	MISSING
} from './format';

describe('format', () => {
	it('formats counts with separators and says when a value is missing', () => {
		expect(formatCount(1234567)).toBe('1,234,567');
		expect(formatCount(12.6)).toBe('13');
		expect(formatCount(null)).toBe(MISSING);
		expect(formatCount(Number.NaN)).toBe(MISSING);
	});

	it('formats compact counts', () => {
		expect(formatCompact(12345)).toBe('12.3K');
		expect(formatCompact(4_100_000)).toBe('4.1M');
		expect(formatCompact(999)).toBe('999');
	});

	it('formats decimals and p-values', () => {
		expect(formatDecimal(1.8449)).toBe('1.84');
		expect(formatDecimal(1.30449, 3)).toBe('1.304');
		expect(formatPValue(0.04567)).toBe('0.046');
		expect(formatPValue(0.0002)).toBe('< 0.001');
		expect(formatPValue(Number.NaN)).toBe(MISSING);
	});

	it('formats any stored value for a preview table', () => {
		expect(formatCell(1024)).toBe('1,024');
		expect(formatCell(2.5)).toBe('2.50');
		expect(formatCell(null)).toBe(MISSING);
		expect(formatCell(['a', 'b'])).toBe('a, b');
		expect(formatCell('Eastside')).toBe('Eastside');
	});

	it('formats money', () => {
		expect(formatMoney(1234.5)).toBe('$1,234.50');
		expect(formatMoney(null)).toBe(MISSING);
	});

	it('formats ratios as percentages', () => {
		expect(formatPercent(0.0234)).toBe('2.3%');
		expect(formatPercent(1.5, 0)).toBe('150%');
		expect(formatPercent(undefined)).toBe(MISSING);
	});

	it('signs relative changes and refuses a zero base', () => {
		expect(formatChange(110, 100)).toBe('+10.0%');
		expect(formatChange(97, 100)).toBe('−3.0%');
		expect(formatChange(100, 100)).toBe('±0.0%');
		expect(formatChange(5, 0)).toBe(MISSING);
	});

	it('signs a ratio with a true minus and ± for zero', () => {
		expect(formatSignedPercent(0.42, 0)).toBe('+42%');
		expect(formatSignedPercent(-0.061, 1)).toBe('−6.1%');
		expect(formatSignedPercent(0, 0)).toBe('±0%');
		expect(formatSignedPercent(Number.NaN)).toBe(MISSING);
	});

	it('never prints minus zero for a change that rounds to nothing', () => {
		expect(formatSignedPercent(-0.001, 0)).toBe('±0%');
		expect(formatSignedMeasure(-0.3, 0)).toBe('±0');
		expect(formatMeasure(-0.0004, 3)).toBe('0.000');
		expect(formatSignificant(-0)).toBe('0');
	});

	it('chooses fraction digits that show a series to three significant digits', () => {
		expect(decimalsFor(142)).toBe(0);
		expect(decimalsFor(31.4)).toBe(1);
		expect(decimalsFor(0.0312)).toBe(4);
		expect(decimalsFor(0)).toBe(0);
		expect(formatMeasure(0.03117, decimalsFor(0.0305))).toBe('0.0312');
		expect(formatSignedMeasure(-0.000712, decimalsFor(0.0305))).toBe('−0.0007');
		expect(formatMeasure(12345.6, decimalsFor(12345.6))).toBe('12,346');
		expect(formatSignificant(-0.00277)).toBe('−0.00277');
	});

	it('formats calendar dates without shifting them across time zones', () => {
		expect(formatDate('2026-01-05')).toBe('Jan 5, 2026');
		expect(formatMonth('2026-07-01')).toBe('Jul 2026');
		expect(formatDateRange('2025-11-01', '2026-10-31')).toBe('Nov 1, 2025 – Oct 31, 2026');
	});

	it('shows instants in the library time zone, DST included', () => {
		expect(formatDateTime('2026-07-01T15:30:00Z', 'America/Chicago')).toBe('Jul 1, 2026, 10:30 AM');
		expect(formatDateTime('2026-01-01T15:30:00Z', 'America/Chicago')).toBe('Jan 1, 2026, 9:30 AM');
	});
});
