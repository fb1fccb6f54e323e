/**
 * The one Chromium a server keeps for its reports: started once and reused, started again after it
 * dies, and two pages at a time with the rest queued in turn.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { closeReportBrowser, withReportPage } from './browser';

/** The processes this test process started (Chromium is its only direct child), by id. */
function chromiumChildren(): number[] {
	return execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
		.trim()
		.split('\n')
		.map((line) => line.trim().split(/\s+/))
		.filter(([, ppid, command]) => Number(ppid) === process.pid && command !== 'ps')
		.map(([pid]) => Number(pid));
}

const title = (text: string) =>
	withReportPage(async (page) => {
		await page.setContent(`<title>${text}</title>`);
		return page.title();
	}, text);

describe('the report browser', () => {
	afterAll(() => closeReportBrowser());

	it('reuses one Chromium, and starts a new one when it has crashed', async () => {
		expect(await title('first')).toBe('first');
		const [started] = chromiumChildren();
		expect(started).toBeGreaterThan(0);
		expect(await title('second')).toBe('second');
		expect(chromiumChildren()).toEqual([started]);
		// Chromium dies (out of memory, killed): the next report starts a new one instead of failing.
		process.kill(started!, 'SIGKILL');
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await title('after the crash')).toBe('after the crash');
		const [restarted] = chromiumChildren();
		expect(restarted).toBeGreaterThan(0);
		expect(restarted).not.toBe(started);
	}, 120_000);

	it('renders two at a time and queues the rest, each in its turn', async () => {
		let running = 0;
		let most = 0;
		const one = (owner: string) =>
			withReportPage(async (page) => {
				running += 1;
				most = Math.max(most, running);
				await page.setContent('<p>report</p>');
				await new Promise((resolve) => setTimeout(resolve, 300));
				running -= 1;
				return owner;
			}, owner);
		const owners = ['a', 'b', 'c', 'd', 'e'];
		expect(await Promise.all(owners.map(one))).toEqual(owners);
		expect(most).toBe(2);
	}, 120_000);
});
