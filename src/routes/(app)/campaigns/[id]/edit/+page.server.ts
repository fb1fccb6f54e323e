import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { campaignToFormValues } from '$lib/domain/campaign-form';
import { databaseFor, getDatabase } from '$lib/server/app';
import { campaignChoices, closeCampaign, editableCampaign, libraryToday } from '$lib/server/campaigns/campaign-editor';
import { campaignFormActions } from '$lib/server/campaigns/campaign-form-actions';
import type { Actions, PageServerLoad } from './$types';

const Params = z.object({ id: z.coerce.number().int().positive() });
const idOf = ({ params }: { params: Record<string, string> }) => Params.parse(params).id;

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const parsed = Params.safeParse(params);
	if (!parsed.success) error(404, 'No such campaign.');
	const stored = await editableCampaign(await getDatabase(), parsed.data.id);
	if (!stored) error(404, `Campaign ${parsed.data.id} does not exist (it may have been removed with its import).`);
	return {
		campaignId: stored.campaignId,
		name: stored.campaign.name,
		importId: stored.importId,
		values: campaignToFormValues(stored.campaign),
		choices: await campaignChoices(await databaseFor(locals)),
		confirmClose: url.searchParams.get('close') === 'confirm' ? await libraryToday(await getDatabase()) : null
	};
};

const form = campaignFormActions(idOf);

export const actions: Actions = {
	preview: async (event) => form.preview(event),
	save: async (event) => form.save(event),
	close: async (event) => {
		const form = await event.request.formData();
		if (form.get('confirmed') !== 'yes') return fail(400, { message: 'Confirm closing the campaign first.' });
		const result = await closeCampaign(await getDatabase(), idOf(event), event.locals.actor);
		if (!result.ok) return fail(400, { message: result.message });
		redirect(303, `/campaigns/${idOf(event)}`);
	}
};
