import { fail, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/app';
import { changePassword, endAllSessions, signOut, startSession } from '$lib/server/auth/accounts';
import { ChangePasswordForm, formProblem } from '$lib/server/auth/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ me: locals.user! });

export const actions: Actions = {
	password: async ({ request, locals, cookies, url }) => {
		const form = ChangePasswordForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: formProblem(form.error) });
		const db = await getDatabase();
		const problem = await changePassword(db, locals.user!, form.data.current, form.data.password);
		if (problem) return fail(400, { message: problem });
		// Every session ended with the change; this device gets a new one.
		await startSession(db, cookies, url.protocol === 'https:', locals.user!.userId);
		return { message: 'Password changed. You were signed out on every other device.' };
	},
	signOutEverywhere: async ({ locals, cookies }) => {
		const db = await getDatabase();
		await endAllSessions(db, locals.user!.userId);
		await signOut(db, cookies);
		redirect(303, '/login');
	}
};
