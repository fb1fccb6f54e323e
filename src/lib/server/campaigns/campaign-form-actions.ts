import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { campaignFormValues, parseCampaignForm } from '../../domain/campaign-form';
import { getDatabase } from '../app';
import { campaignNameProblem, saveCampaign } from './campaign-editor';
import { previewCampaign } from './campaign-preview';

/**
 * The campaign form's two actions, for a new campaign (campaignId null) or a stored one: preview
 * the rules' matches without storing anything, or save and relink. Both return what was typed.
 */
export function campaignFormActions(campaignIdOf: (event: RequestEvent) => number | null) {
	return {
		preview: async (event: RequestEvent) => {
			const values = campaignFormValues(await event.request.formData());
			const parsed = parseCampaignForm(values);
			if (!parsed.ok) return fail(400, { values, errors: parsed.errors, preview: null });
			const db = await getDatabase();
			// A taken name is told now, beside the preview, rather than only when saving.
			const name = await campaignNameProblem(db, parsed.campaign.name, campaignIdOf(event));
			const preview = await previewCampaign(db, parsed.campaign, campaignIdOf(event));
			return { values, errors: name ? { name } : {}, preview };
		},
		save: async (event: RequestEvent) => {
			const values = campaignFormValues(await event.request.formData());
			const parsed = parseCampaignForm(values);
			if (!parsed.ok) return fail(400, { values, errors: parsed.errors, preview: null });
			const result = await saveCampaign(await getDatabase(), parsed.campaign, {
				campaignId: campaignIdOf(event),
				actor: event.locals.actor
			});
			if (!result.ok) return fail(400, { values, errors: result.errors, preview: null });
			redirect(303, `/campaigns/${result.campaignId}`);
		}
	};
}
