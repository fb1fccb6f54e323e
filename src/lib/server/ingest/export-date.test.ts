import { describe, expect, it } from 'vitest';
import { exportEndFromFileName, observedAt } from './export-date';

describe('export dates from file names', () => {
	it('reads the X, X Premium and Meta naming patterns', () => {
		expect(exportEndFromFileName('tweet_activity_metrics_rOpenSci_20211101_20211201_en.csv')).toBe('2021-12-01');
		expect(exportEndFromFileName('account_analytics_content_2024-11-21_2025-02-19.csv')).toBe('2025-02-19');
		expect(exportEndFromFileName('Jan-27-2025_Feb-23-2025_541651602373282 (1).csv')).toBe('2025-02-23');
		expect(exportEndFromFileName('export.csv')).toBeNull();
		expect(exportEndFromFileName('x_20210101_20211399_en.csv')).toBeNull();
	});

	it('never dates an observation after the upload itself', () => {
		const now = new Date('2026-11-26T12:00:00Z');
		expect(observedAt('Jan-27-2025_Feb-23-2025_1.csv', now).toISOString()).toBe('2025-02-23T23:59:59.000Z');
		expect(observedAt('Nov-01-2026_Dec-31-2026_1.csv', now)).toBe(now);
		expect(observedAt('plain.csv', now)).toBe(now);
	});
});
