import { fail, type RequestEvent } from '@sveltejs/kit';
import { describeZodError } from '../../domain/zod-message';
import { getDatabase } from '../app';
import { recordAudit } from '../auth/audit';
import { correctStrategy, StrategyCorrectionForm } from './decisions';

/**
 * Staff give a post its strategy, from a campaign's post list or the Strategies page's unclassified
 * posts: one action, so both are kept, audited and counted by the classifier's measures alike.
 */
export async function strategyCorrectionAction({ request, locals }: RequestEvent) {
	const form = StrategyCorrectionForm.safeParse(Object.fromEntries(await request.formData()));
	if (!form.success) return fail(400, { message: `Could not correct the strategy: ${describeZodError(form.error)}` });
	const db = await getDatabase();
	await correctStrategy(db, form.data);
	await recordAudit(
		db,
		locals.actor,
		'strategy corrected',
		`${form.data.platform} post ${form.data.postId}: ${form.data.strategy}`
	);
	return { message: `Strategy of ${form.data.platform} post ${form.data.postId} corrected.` };
}
