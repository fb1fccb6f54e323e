import { fail, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/app';
import { signIn, startSession } from '$lib/server/auth/accounts';
import { safeNext, SignInForm } from '$lib/server/auth/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')), demoMode: locals.demoMode };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = SignInForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: 'Enter your e-mail and password.', email: '' });
		const db = await getDatabase();
		const result = await signIn(db, form.data.email, form.data.password, getClientAddress());
		if (!result.ok) return fail(result.status, { message: result.message, email: form.data.email });
		await startSession(db, cookies, url.protocol === 'https:', result.user.userId);
		redirect(303, safeNext(form.data.next));
	}
};
