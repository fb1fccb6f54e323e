import { z } from 'zod';
import type { Database } from './db/database';
import { byDataVersion } from './db/version-cache';

// Node's list leaves out UTC and its aliases, which a server set to UTC reports as its zone.
const timeZones = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC', 'Etc/UTC']));

/** The zones the Settings page offers: every IANA zone Node knows, UTC among them, sorted. */
export function timeZoneChoices(): string[] {
	return [...timeZones].sort((a, b) => a.localeCompare(b));
}

/** How long an import keeps its uploader's name unless Settings says otherwise. */
export const UPLOADER_NAMES_KEPT_DAYS = 90;

export const LibrarySettings = z.object({
	libraryName: z.string().trim().min(1).max(120),
	/** IANA zone used for files that carry no zone and for every day/week/month bucket */
	timeZone: z.string().refine((zone) => timeZones.has(zone), 'is not a known IANA time zone, such as America/Chicago'),
	/** 'loaded' while the demo library is in the database, 'removed' once someone removed it */
	demoState: z.enum(['never', 'loaded', 'removed']),
	/** door counters that count people going in and out, so each visit twice */
	gateCountsBidirectional: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
	/** this library's IMLS FSCSKEY, and the peers it is compared with (empty: same state, similar population) */
	plsFscskey: z.string().trim().max(10).default(''),
	plsPeers: z.string().trim().max(2000).default(''),
	/** days an import keeps the name of who uploaded it; after that the log says "a staff member" */
	uploaderNamesKeptDays: z.coerce
		.number({ message: 'is not a number of days' })
		.int('is not a whole number of days')
		.min(1, 'must be at least 1 day')
		.max(3650, 'must be at most 3,650 days (ten years)')
		.default(UPLOADER_NAMES_KEPT_DAYS)
});
export type LibrarySettings = z.infer<typeof LibrarySettings>;

/** The server's zone when it is one Lantern knows; TZ=UTC0 or ":/etc/localtime" would make every setting unsavable. */
export function serverTimeZone(): string {
	const candidates = [process.env.TZ, systemTimeZone()];
	return candidates.find((zone): zone is string => !!zone && timeZones.has(zone)) ?? 'UTC';
}

/** The zone Node runs in, asked of Intl once per TZ setting (asking costs a formatter). */
let system: { tz: string | undefined; zone: string } | undefined;
function systemTimeZone(): string {
	const known = system;
	if (known && known.tz === process.env.TZ) return known.zone;
	const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	system = { tz: process.env.TZ, zone };
	return zone;
}

const defaults = (): LibrarySettings => ({
	libraryName: 'My library',
	timeZone: serverTimeZone(),
	demoState: 'never',
	gateCountsBidirectional: false,
	plsFscskey: '',
	plsPeers: '',
	uploaderNamesKeptDays: UPLOADER_NAMES_KEPT_DAYS
});

/**
 * The library's settings, read once per data version (saveSettings bumps it; every page and import
 * asks): frozen, because every caller shares the one object.
 */
export function getSettings(db: Database): Promise<Readonly<LibrarySettings>> {
	const root = db.base ?? db;
	return byDataVersion(root, 'settings', null, async () => {
		const rows = await root.query<{ key: string; value: string }>('SELECT key, value FROM settings');
		const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
		const merged = { ...defaults(), ...stored };
		const parsed = LibrarySettings.safeParse(merged);
		return Object.freeze(parsed.success ? parsed.data : defaults());
	});
}

export async function saveSettings(db: Database, changes: Partial<LibrarySettings>): Promise<LibrarySettings> {
	const next = LibrarySettings.parse({ ...(await getSettings(db)), ...changes });
	await db.withConnection(async (connection) => {
		for (const [key, value] of Object.entries(changes)) {
			if (value === undefined) continue;
			await connection.run('INSERT OR REPLACE INTO settings (key, value) VALUES ($1, $2)', [
				key,
				String(next[key as keyof LibrarySettings])
			]);
		}
	});
	db.markChanged();
	return next;
}
