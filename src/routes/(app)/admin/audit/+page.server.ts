import { getDatabase } from '$lib/server/app';
import { listAudit } from '$lib/server/auth/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ entries: await listAudit(await getDatabase(), 500) });
