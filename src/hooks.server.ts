import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/app';
import { loadDemoOnFirstStart } from '$lib/server/demo';

export const init: ServerInit = async () => {
	const db = await getDatabase();
	if (await loadDemoOnFirstStart(db)) console.log(`Lantern: loaded the demo library into ${db.path}`);
};

/** Unexpected errors are logged with their stack and shown to people as a plain sentence. */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Page not found.' : `Something went wrong on the server (${message}). The details are in the server log.` };
};
