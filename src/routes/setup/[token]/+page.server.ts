import { error, fail, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/app';
import { completeSetup, startSession } from '$lib/server/auth/accounts';
import { formProblem, SetupForm } from '$lib/server/auth/forms';
import { isSetupToken } from '$lib/server/auth/setup';
import type { Actions, PageServerLoad } from './$types';

const USED =
	'This setup link has been used, or Lantern was restarted since it was printed. If no admin exists yet, the server console shows the new link.';

export const load: PageServerLoad = ({ params }) => {
	if (!isSetupToken(params.token)) error(404, USED);
	return {};
};

export const actions: Actions = {
	default: async ({ request, params, cookies, url }) => {
		const form = SetupForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: formProblem(form.error) });
		const db = await getDatabase();
		const admin = await completeSetup(db, params.token, form.data);
		if (!admin) return fail(404, { message: USED });
		await startSession(db, cookies, url.protocol === 'https:', admin.userId);
		redirect(303, '/admin/users?welcome=1');
	}
};
