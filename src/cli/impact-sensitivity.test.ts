import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { impactCommand } from './impact';

// prettier-ignore
const airPassengers = [
	112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
	145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
	196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
	242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
	315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
	360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432
];

afterEach(() => vi.restoreAllMocks());

describe('lantern impact its, model sensitivity', () => {
	it.each([[[]], [['--slope']]])(
		'says AirPassengers with a fake 1955 start depends on the model and prints the models side by side (%j)',
		async (extra) => {
			const path = join(mkdtempSync(join(tmpdir(), 'lantern-air-')), 'air.csv');
			const rows = airPassengers.map((value, i) => {
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
