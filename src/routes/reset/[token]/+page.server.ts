import { error, fail, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/app';
import { resetLinkUser, resetPassword, startSession } from '$lib/server/auth/accounts';
import { formProblem, NewPasswordForm } from '$lib/server/auth/forms';
import type { Actions, PageServerLoad } from './$types';

const EXPIRED = 'This link has been used or has expired (links last a day). Ask an admin for a new one.';

export const load: PageServerLoad = async ({ params }) => {
	const user = await resetLinkUser(await getDatabase(), params.token);
	if (!user) error(404, EXPIRED);
	return { name: user.name, email: user.email };
};

export const actions: Actions = {
	default: async ({ request, params, cookies, url }) => {
		const form = NewPasswordForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: formProblem(form.error) });
		const db = await getDatabase();
		const user = await resetPassword(db, params.token, form.data.password);
		if (!user) return fail(404, { message: EXPIRED });
		await startSession(db, cookies, url.protocol === 'https:', user.userId);
		redirect(303, '/overview');
	}
};
