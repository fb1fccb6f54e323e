import { EMPTY_CAMPAIGN_FORM } from '$lib/domain/campaign-form';
import { databaseFor } from '$lib/server/app';
import { campaignChoices } from '$lib/server/campaigns/campaign-editor';
import { campaignFormActions } from '$lib/server/campaigns/campaign-form-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	choices: await campaignChoices(await databaseFor(locals)),
	values: EMPTY_CAMPAIGN_FORM
});

const form = campaignFormActions(() => null);

export const actions: Actions = {
	preview: async (event) => form.preview(event),
	save: async (event) => form.save(event)
};
