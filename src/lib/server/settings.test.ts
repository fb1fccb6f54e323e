import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDatabase } from './db/test-support';
import { getSettings, saveSettings, serverTimeZone, timeZoneChoices } from './settings';

describe('library settings on a server whose zone is UTC', () => {
	afterEach(() => vi.unstubAllEnvs());

	it('offers UTC among the zones, which Node leaves out of its own list', () => {
		expect(Intl.supportedValuesOf('timeZone')).not.toContain('UTC');
		expect(timeZoneChoices()).toContain('UTC');
		expect(timeZoneChoices()).toContain('America/Chicago');
	});

	it('starts in UTC and saves the settings unchanged, zone included', async () => {
		vi.stubEnv('TZ', 'UTC');
		const db = await tempDatabase();
		const settings = await getSettings(db);
		expect(settings.timeZone).toBe('UTC');
		expect(timeZoneChoices()).toContain(settings.timeZone);
		await saveSettings(db, { libraryName: 'Harbor Library', timeZone: settings.timeZone });
		expect(await getSettings(db)).toMatchObject({ libraryName: 'Harbor Library', timeZone: 'UTC' });
	});

	it('takes a TZ it does not know (POSIX "UTC0", ":/etc/localtime") as no zone, never one that cannot be saved', () => {
		for (const tz of ['UTC0', ':/etc/localtime']) {
			vi.stubEnv('TZ', tz);
			expect(timeZoneChoices()).toContain(serverTimeZone());
		}
	});
});
