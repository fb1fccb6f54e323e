import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/app';
import { signOut } from '$lib/server/auth/accounts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ cookies }) => {
	await signOut(await getDatabase(), cookies);
	redirect(303, '/login');
};
