import { fail } from '@sveltejs/kit';
import { describeZodError } from '$lib/domain/zod-message';
import { getDatabase, uploadLimitBytes } from '$lib/server/app';
import { getSettings, LibrarySettings, saveSettings, serverTimeZone, timeZoneChoices } from '$lib/server/settings';
import { recordAudit } from '$lib/server/auth/audit';
import { forgetUploaderNames } from '$lib/server/ingest/uploader-retention';
import { mailSettingsView } from '$lib/server/mail/smtp';
import { LOGO_LIMIT_BYTES, logoDataUrl } from '$lib/server/branding/logo';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	settings: await getSettings(await getDatabase()),
	serverTimeZone: serverTimeZone(),
	timeZones: timeZoneChoices(),
	uploadLimitBytes: uploadLimitBytes(),
	// Its form posts to /settings/email, so this page's own form and actions stay as they are.
	mail: await mailSettingsView(await getDatabase()),
	logo: { url: logoDataUrl(await getDatabase()), limitKb: LOGO_LIMIT_BYTES / 1024 }
});

const SettingsForm = LibrarySettings.pick({
	libraryName: true,
	timeZone: true,
	gateCountsBidirectional: true,
	plsFscskey: true,
	plsPeers: true,
	uploaderNamesKeptDays: true
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = SettingsForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: `${describeZodError(form.error)}.` });
		await saveSettings(await getDatabase(), form.data);
		// A shorter period applies at once, not at the next hourly sweep.
		await forgetUploaderNames(await getDatabase());
		await recordAudit(await getDatabase(), locals.actor, 'settings changed', JSON.stringify(form.data));
		return { message: 'Saved.' };
	}
};
