import { fail } from '@sveltejs/kit';
import { describeZodError } from '$lib/domain/zod-message';
import { getDatabase } from '$lib/server/app';
import { recordAudit } from '$lib/server/auth/audit';
import { Email } from '$lib/server/auth/users';
import { mailSettingsView, saveSmtpSettings, sendMail, SmtpForm } from '$lib/server/mail/smtp';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ mail: await mailSettingsView(await getDatabase()) });

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const form = SmtpForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: `E-mail settings not saved: ${describeZodError(form.error)}.` });
		const db = await getDatabase();
		const saved = await saveSmtpSettings(db, form.data);
		// Never the password itself: only whether it changed.
		const logged = { ...form.data, password: form.data.password ? 'changed' : 'kept' };
		await recordAudit(db, locals.actor, 'e-mail settings changed', JSON.stringify(logged));
		return { message: `E-mail settings saved (${saved.host || 'no server'}, port ${saved.port}).` };
	},
	test: async ({ request, locals }) => {
		const to = Email.safeParse((await request.formData()).get('to'));
		if (!to.success) return fail(400, { message: `No test e-mail sent: the address ${describeZodError(to.error)}.` });
		const db = await getDatabase();
		try {
			const sent = await sendMail(db, {
				to: [to.data],
				subject: 'Lantern test e-mail',
				text: 'Lantern can send e-mail through this server. Scheduled board reports will arrive like this one.'
			});
			await recordAudit(db, locals.actor, 'test e-mail sent', to.data);
			return { message: `Sent a test e-mail to ${to.data}. The mail server answered: ${sent.response}` };
		} catch (cause) {
			return fail(502, {
				message: `The test e-mail was not sent. ${cause instanceof Error ? cause.message : String(cause)}`
			});
		}
	}
};
