import { expect, test } from '@playwright/test';
import { soakServerKills } from '../support/server-soak';

// The soak's server kills in a small setting (`npm run soak` runs 50): a server of its own, started
// as `npm start` starts it on the built app, SIGKILLed once during an upload and once during a board
// report; each next start must find the database whole, links and labels equal to a full relink, and
// nothing left in its temp folder or report archive. No browser is needed, only the build.
test('two SIGKILLs of the server, during an upload and a report: the next start finds everything whole', async () => {
	test.setTimeout(300_000);
	const figures = await soakServerKills(process.cwd(), 2, { rows: 2_000 });
	console.log('server kills:', figures);
	expect(figures.failures).toEqual([]);
	expect(figures.restartedAfter).toBe(2);
	expect(figures.openedAfter).toBe(2);
	expect(figures.killedDuring).toEqual({ upload: 1, report: 1, relink: 0 });
});
