import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { Role } from '$lib/domain/roles';
import { getDatabase } from '$lib/server/app';
import { addUser, changeUser, endAllSessions, issueResetLink } from '$lib/server/auth/accounts';
import { recordAudit } from '$lib/server/auth/audit';
import { formProblem } from '$lib/server/auth/forms';
import { knownBranches, listUsers, NewUser } from '$lib/server/auth/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	return { users: await listUsers(db), branches: await knownBranches(db), welcome: url.searchParams.has('welcome') };
};

/** "Central, Eastside" → ['Central', 'Eastside']; empty → every branch. */
const branchList = z
	.string()
	.max(4000)
	.transform((text) =>
		text
			.split(',')
			.map((b) => b.trim())
			.filter(Boolean)
	)
	.transform((list) => (list.length > 0 ? list : null));

const CreateForm = NewUser.extend({ branches: branchList });
const UpdateForm = z.object({
	userId: z.coerce.number().int().positive(),
	role: Role,
	branches: branchList,
	disabled: z.preprocess((v) => v === 'on', z.boolean())
});
const UserIdForm = z.object({ userId: z.coerce.number().int().positive() });

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const form = CreateForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: formProblem(form.error) });
		const db = await getDatabase();
		try {
			const { user, resetLink } = await addUser(db, locals.actor, form.data);
			return {
				message: `Added ${user.name}. Send them this link to set their password (it works once, for a day):`,
				link: new URL(resetLink, url.origin).href
			};
		} catch (error) {
			if (String(error).includes('Duplicate key') || String(error).includes('unique'))
				return fail(400, { message: `${form.data.email} already has an account.` });
			throw error;
		}
	},
	update: async ({ request, locals }) => {
		const form = UpdateForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: formProblem(form.error) });
		const { userId, ...changes } = form.data;
		const problem = await changeUser(await getDatabase(), locals.actor, userId, changes);
		return problem ? fail(400, { message: problem }) : { message: 'Saved.' };
	},
	resetLink: async ({ request, locals, url }) => {
		const form = UserIdForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: 'Choose a person.' });
		const link = await issueResetLink(await getDatabase(), locals.actor, form.data.userId);
		return {
			message: 'A new link to set the password (it works once, for a day; older links stop working):',
			link: new URL(link, url.origin).href
		};
	},
	signOut: async ({ request, locals }) => {
		const form = UserIdForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: 'Choose a person.' });
		const db = await getDatabase();
		await endAllSessions(db, form.data.userId);
		await recordAudit(db, locals.actor, 'signed out everywhere', `user ${form.data.userId}`);
		return { message: 'Signed out on every device.' };
	}
};
