import { fail, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/app';
import { recordAudit } from '$lib/server/auth/audit';
import { LogoRefusedError, removeLogo, saveLogo } from '$lib/server/branding/logo';
import type { Actions, PageServerLoad } from './$types';

// The forms live on the Settings page; this address only answers their posts.
export const load: PageServerLoad = () => redirect(303, '/settings');

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const file = (await request.formData()).get('logo');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { message: 'Choose a logo file (PNG, JPEG or SVG) first.' });
		const db = await getDatabase();
		try {
			const type = saveLogo(db, new Uint8Array(await file.arrayBuffer()), `"${file.name}"`);
			await recordAudit(db, locals.actor, 'logo changed', `${file.name} (${type})`);
			return { message: `Logo saved: ${file.name}. It appears on the cover of every board report.` };
		} catch (cause) {
			if (cause instanceof LogoRefusedError) return fail(400, { message: `Logo not saved: ${cause.message}` });
			throw cause;
		}
	},
	remove: async ({ locals }) => {
		const db = await getDatabase();
		removeLogo(db);
		await recordAudit(db, locals.actor, 'logo removed', '');
		return { message: 'Logo removed.' };
	}
};
