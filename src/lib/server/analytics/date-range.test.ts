import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { comparisonRange, defaultRange, localDayBetween, resolveRange, wholeMonths } from './date-range';

describe('date ranges', () => {
	it('defaults to the twelve whole months ending with the latest data', () => {
		expect(defaultRange('2026-10-17')).toEqual({ from: '2025-11-01', to: '2026-10-31' });
		expect(defaultRange('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
	});

	it('fills a missing end from the default range, never so that the range runs backwards', () => {
		const fallback = { from: '2025-11-01', to: '2026-10-31' };
		expect(resolveRange({}, fallback)).toEqual(fallback);
		expect(resolveRange({ from: '2026-03-01' }, fallback)).toEqual({ from: '2026-03-01', to: '2026-10-31' });
		expect(resolveRange({ to: '2026-03-31' }, fallback)).toEqual({ from: '2025-11-01', to: '2026-03-31' });
		// An end past the data: the one day asked for, not a range from 2100 back to 2026.
		expect(resolveRange({ from: '2100-01-01' }, fallback)).toEqual({ from: '2100-01-01', to: '2100-01-01' });
		// An end before the data: the twelve months ending then.
		expect(resolveRange({ to: '1990-06-15' }, fallback)).toEqual({ from: '1989-07-01', to: '1990-06-15' });
		expect(resolveRange({ from: '2026-01-01', to: '2026-01-31' }, fallback)).toEqual({
			from: '2026-01-01',
			to: '2026-01-31'
		});
	});

	it('knows a range of whole months, and one that starts or ends mid-month', () => {
		expect(wholeMonths({ from: '2026-01-01', to: '2026-06-30' })).toBe(6);
		expect(wholeMonths({ from: '2024-02-01', to: '2024-02-29' })).toBe(1);
		expect(wholeMonths({ from: '2024-02-01', to: '2024-02-28' })).toBeNull();
		expect(wholeMonths({ from: '2026-01-02', to: '2026-01-31' })).toBeNull();
	});

	it('compares whole months with the whole months just before: a half with a half, a quarter with a quarter, a month with a month', () => {
		expect(comparisonRange({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2025-07-01', to: '2025-12-31' });
		expect(comparisonRange({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
		expect(comparisonRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
		expect(comparisonRange({ from: '2025-11-01', to: '2026-10-31' })).toEqual({ from: '2024-11-01', to: '2025-10-31' });
	});

	it('compares any other range with the same number of days just before', () => {
		expect(comparisonRange({ from: '2026-03-15', to: '2026-04-14' })).toEqual({ from: '2026-02-12', to: '2026-03-14' });
	});

	it('compares with the same dates a year earlier when asked, leap days included', () => {
		expect(comparisonRange({ from: '2026-01-01', to: '2026-06-30' }, 'year')).toEqual({
			from: '2025-01-01',
			to: '2025-06-30'
		});
		expect(comparisonRange({ from: '2024-02-01', to: '2024-02-29' }, 'year')).toEqual({
			from: '2023-02-01',
			to: '2023-02-28'
		});
		expect(comparisonRange({ from: '2025-02-01', to: '2025-02-28' }, 'year')).toEqual({
			from: '2024-02-01',
			to: '2024-02-29'
		});
		expect(comparisonRange({ from: '2024-02-29', to: '2024-03-10' }, 'year')).toEqual({
			from: '2023-02-28',
			to: '2023-03-10'
		});
	});
});

describe('localDayBetween', () => {
	// Every quarter hour from Christmas 2025 to January 2027, in zones whose clocks skip midnight
	// (Havana), sit 14 hours either side of UTC, or shift by half an hour (Lord Howe), on a connection
	// in yet another zone: each instant is inside the range of its own local day alone, and outside
	// the ranges that end the day before it or start the day after.
	for (const zone of [
		'America/Chicago',
		'America/Havana',
		'Pacific/Kiritimati',
		'Pacific/Pago_Pago',
		'Australia/Lord_Howe'
	]) {
		it(`keeps the instants the plain conversion keeps, in ${zone}`, async () => {
			const connection = await (await DuckDBInstance.create(':memory:')).connect();
			await connection.run(`SET TimeZone = 'Asia/Kolkata'`);
			const reader = await connection.runAndReadAll(
				`SELECT count(*) AS instants,
					count(*) FILTER (WHERE NOT ${localDayBetween('instant', 'day', 'day')}) AS missed,
					count(*) FILTER (WHERE ${localDayBetween('instant', 'day + 1', 'day + 40')}) AS early,
					count(*) FILTER (WHERE ${localDayBetween('instant', 'day - 40', 'day - 1')}) AS late
				FROM (SELECT range AS instant, CAST(timezone($tz, range) AS DATE) AS day
					FROM range(TIMESTAMPTZ '2025-12-25 00:00:00+00', TIMESTAMPTZ '2027-01-05 00:00:00+00', INTERVAL 15 MINUTE))`,
				{ tz: zone }
			);
			expect(reader.getRowObjectsJS()[0]).toEqual({ instants: 36_096n, missed: 0n, early: 0n, late: 0n });
		});
	}
});
