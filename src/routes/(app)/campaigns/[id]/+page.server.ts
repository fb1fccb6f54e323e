import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { describeZodError } from '$lib/domain/zod-message';
import { campaignPlatforms, campaignPosts, campaignSummaries, outcomeSeries } from '$lib/server/analytics/campaigns';
import { branchEffects, campaignImpact } from '$lib/server/analytics/impact';
import { campaignPromotionComparisons } from '$lib/server/analytics/promotion';
import { dashboardFigures, getDatabase } from '$lib/server/app';
import { recordAudit } from '$lib/server/auth/audit';
import { decideCampaignPost, PostDecision } from '$lib/server/campaigns';
import { strategyCorrectionAction } from '$lib/server/campaigns/strategy-correction-action';
import type { Actions, PageServerLoad } from './$types';

const Params = z.object({ id: z.coerce.number().int().positive() });
/** ?page=N of the posts list; anything else is the first page. */
const PostsPage = z.coerce.number().int().positive().catch(1);

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const parsed = Params.safeParse(params);
	if (!parsed.success) error(404, 'No such campaign.');
	const id = parsed.data.id;
	const page = PostsPage.parse(url.searchParams.get('page') ?? 1);
	const asked = url.searchParams.get('platform') || null;
	const { figures, updating } = await dashboardFigures(locals, 'campaign', [id, page, asked], async (db) => {
		const campaign = (await campaignSummaries(db)).find((c) => c.campaignId === id);
		if (!campaign) error(404, `Campaign ${id} does not exist (it may have been removed with its import).`);
		// A platform the campaign has no posts on (or an unknown one) is not a filter: every platform, said so.
		const platforms = await campaignPlatforms(db, id);
		const platform = platforms.some((p) => p.platform === asked) ? asked : null;
		const shown = (platform && (await campaignSummaries(db, platform)).find((c) => c.campaignId === id)) || campaign;
		// Independent reads, side by side: a cold page waits for the slowest, not for their sum.
		const [outcomes, posts, impact, promotion] = await Promise.all([
			Promise.all(campaign.outcomeMetrics.map(async (metric) => ({ metric, series: await outcomeSeries(db, metric) }))),
			campaignPosts(db, campaign.campaignId, page, undefined, platform),
			campaignImpact(db, campaign),
			campaignPromotionComparisons(db, campaign)
		]);
		// After the library-wide panels, whose fits the branch estimates share the cache with.
		const byBranch = await branchEffects(db, campaign);
		return {
			campaign: shown,
			platforms,
			platform,
			platformProblem:
				asked && !platform ? `This campaign has no posts on "${asked}", so every platform's are shown.` : null,
			posts,
			outcomes,
			impact,
			byBranch,
			promotion
		};
	});
	return { ...figures, updating };
};

export const actions: Actions = {
	decide: async ({ params, request, locals }) => {
		const id = Params.parse(params).id;
		const form = PostDecision.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success)
			return fail(400, { message: `Could not change the campaign's posts: ${describeZodError(form.error)}` });
		const problem = await decideCampaignPost(await getDatabase(), id, form.data);
		if (problem) return fail(400, { message: problem });
		await recordAudit(
			await getDatabase(),
			locals.actor,
			`campaign post ${form.data.action === 'add' ? 'added' : 'removed'}`,
			`campaign ${id}: ${form.data.platform} post ${form.data.postId}`
		);
		return {
			message:
				form.data.action === 'add'
					? `Added ${form.data.platform} post ${form.data.postId}.`
					: `Removed ${form.data.platform} post ${form.data.postId} from this campaign.`
		};
	},
	correct: async (event) => strategyCorrectionAction(event)
};
