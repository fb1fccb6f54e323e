import { getDatabase } from '$lib/server/app';
import { getSettings } from '$lib/server/settings';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async () => {
	const db = await getDatabase();
	const settings = await getSettings(db);
	return { libraryName: settings.libraryName, timeZone: settings.timeZone, demoLoaded: settings.demoState === 'loaded' };
};
