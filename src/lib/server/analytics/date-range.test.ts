import { describe, expect, it } from 'vitest';
import { defaultRange, previousRange } from './date-range';

describe('date ranges', () => {
	it('defaults to the twelve whole months ending with the latest data', () => {
		expect(defaultRange('2026-10-17')).toEqual({ from: '2025-11-01', to: '2026-10-31' });
		expect(defaultRange('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
	});

	it('compares against the period of the same length just before', () => {
		expect(previousRange({ from: '2025-11-01', to: '2026-10-31' })).toEqual({ from: '2024-11-01', to: '2025-10-31' });
		expect(previousRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-01-29', to: '2026-02-28' });
	});
});
