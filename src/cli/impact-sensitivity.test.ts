import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { impactCommand } from './impact';
import { AIR_PASSENGERS } from '../lib/stats/public-series';

afterEach(() => vi.restoreAllMocks());

describe('lantern impact its, model sensitivity', () => {
	it.each([[[]], [['--slope']]])(
		'says AirPassengers with a fake 1955 start depends on the model and prints the models side by side (%j)',
		async (extra) => {
			const path = join(mkdtempSync(join(tmpdir(), 'lantern-air-')), 'air.csv');
			const rows = AIR_PASSENGERS.map((value, i) => {
				const month = 1949 * 12 + i;
				return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')},${value}`;
			});
			writeFileSync(path, ['month,passengers', ...rows].join('\n'));
			const log = vi.spyOn(console, 'log').mockImplementation(() => {});
			const code = await impactCommand(
				['its', '--csv', path, '--date', 'month', '--value', 'passengers', '--start', '1955-01-01', ...extra],
				{ json: false }
			);
			expect(code).toBe(0);
			const printed = log.mock.calls.map((call) => String(call[0])).join('\n');
			expect(printed).toContain('This result depends on the model:');
			expect(printed).toContain('Other models (the result depends on the model):');
			expect(printed).toMatch(/A level and trend change, 2 seasonal pairs.*−6\.8%/);
			expect(printed).toMatch(/A level change, 2 seasonal pairs.*\+7\.2%/);
		}
	);
});
