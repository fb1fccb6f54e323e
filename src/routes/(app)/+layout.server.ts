import { ALL_PERMISSIONS, can, DEMO_MODE_PERMISSIONS } from '$lib/domain/roles';
import { getDatabase } from '$lib/server/app';
import { getSettings } from '$lib/server/settings';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const db = await getDatabase();
	const settings = await getSettings(db);
	// What this person may do, so the page offers only the controls that will work for them.
	const allowed = ALL_PERMISSIONS.filter((p) =>
		locals.role ? can(locals.role, p) : locals.demoMode && DEMO_MODE_PERMISSIONS.includes(p)
	);
	return {
		libraryName: settings.libraryName,
		timeZone: settings.timeZone,
		demoLoaded: settings.demoState === 'loaded',
		demoMode: locals.demoMode,
		me: locals.user ? { name: locals.user.name, role: locals.user.role } : null,
		allowed
	};
};
