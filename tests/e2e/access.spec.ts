import { expect, request as newRequest, test, type APIRequestContext } from '@playwright/test';
import { stateOf } from '../support/roles';

// Route × role: every page, form action and endpoint, requested as each role, as a branch-scoped
// staff member, and signed out. The expectations are written here by hand from the roles' job
// descriptions (README, "Accounts and roles"), not read from the server's policy table, so a
// change in the table that opens or closes a door fails here.

type Who = 'anonymous' | 'viewer' | 'staff' | 'scoped' | 'director' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'viewer', 'staff', 'scoped', 'director', 'admin'];
const SIGNED_IN: Who[] = ['viewer', 'staff', 'scoped', 'director', 'admin'];
const STAFF_UP: Who[] = ['staff', 'scoped', 'director', 'admin'];
const DIRECTOR_UP: Who[] = ['director', 'admin'];
const ADMIN: Who[] = ['admin'];

interface Probe {
	method: 'GET' | 'POST';
	path: string;
	/** who gets in; everyone else must be refused */
	allowed: Who[];
	/** form fields (deliberately invalid where a success would change the library) */
	form?: Record<string, string>;
	body?: string;
	/** probe only the refusals: a success would sign the prober out or empty the library */
	refusalsOnly?: boolean;
}

const range = 'from=2026-01-01&to=2026-03-31';
const PROBES: Probe[] = [
	...[
		'/overview',
		'/campaigns',
		'/campaigns/1',
		'/strategies',
		'/explore',
		'/library',
		'/xid',
		`/print/board-report?${range}`
	].map((path): Probe => ({ method: 'GET', path, allowed: SIGNED_IN })),
	{ method: 'GET', path: `/reports/board.pdf?${range}`, allowed: SIGNED_IN },
	{ method: 'GET', path: '/reports', allowed: SIGNED_IN },
	{ method: 'GET', path: '/reports/archive/999999', allowed: SIGNED_IN },
	{ method: 'POST', path: '/reports?/generate', allowed: SIGNED_IN, form: { templateId: 'none' } },
	{ method: 'POST', path: '/reports?/regenerate', allowed: SIGNED_IN, form: { id: 'none' } },
	{ method: 'POST', path: '/reports?/remove', allowed: STAFF_UP, form: { id: 'none' } },
	{ method: 'POST', path: '/reports?/saveTemplate', allowed: STAFF_UP, form: { name: '' } },
	{ method: 'POST', path: '/reports?/removeTemplate', allowed: STAFF_UP, form: { id: 'none' } },
	{ method: 'POST', path: '/reports?/saveSchedule', allowed: STAFF_UP, form: { templateId: 'none' } },
	{ method: 'POST', path: '/reports?/removeSchedule', allowed: STAFF_UP, form: { id: 'none' } },
	{ method: 'GET', path: '/uploads', allowed: STAFF_UP },
	{ method: 'GET', path: '/api/imports', allowed: STAFF_UP },
	{ method: 'POST', path: '/api/imports', allowed: STAFF_UP, body: 'x' },
	{ method: 'GET', path: '/map/not-a-held-file', allowed: STAFF_UP },
	{ method: 'POST', path: '/map/not-a-held-file?/preview', allowed: STAFF_UP, form: {} },
	{ method: 'POST', path: '/map/not-a-held-file?/import', allowed: STAFF_UP, form: {} },
	{ method: 'POST', path: '/campaigns/1?/decide', allowed: STAFF_UP, form: { action: 'neither' } },
	{ method: 'POST', path: '/campaigns/1?/correct', allowed: STAFF_UP, form: { strategy: 'none of them' } },
	{ method: 'GET', path: '/campaigns/new', allowed: STAFF_UP },
	{ method: 'POST', path: '/campaigns/new?/preview', allowed: STAFF_UP, form: { name: '' } },
	{ method: 'POST', path: '/campaigns/new?/save', allowed: STAFF_UP, form: { name: '' } },
	{ method: 'GET', path: '/campaigns/1/edit', allowed: STAFF_UP },
	{ method: 'POST', path: '/campaigns/1/edit?/preview', allowed: STAFF_UP, form: { name: '' } },
	{ method: 'POST', path: '/campaigns/1/edit?/save', allowed: STAFF_UP, form: { name: '' } },
	{ method: 'POST', path: '/campaigns/1/edit?/close', allowed: STAFF_UP, form: { confirmed: 'no' } },
	{ method: 'POST', path: '/uploads?/remove', allowed: STAFF_UP, form: { importId: 'none' } },
	{ method: 'POST', path: '/uploads?/removeDemo', allowed: DIRECTOR_UP, form: {}, refusalsOnly: true },
	{ method: 'GET', path: '/settings', allowed: ADMIN },
	{ method: 'POST', path: '/settings', allowed: ADMIN, form: { libraryName: '', timeZone: 'Nowhere/Else' } },
	{ method: 'GET', path: '/settings/email', allowed: ADMIN },
	{ method: 'POST', path: '/settings/email?/save', allowed: ADMIN, form: { port: 'none' } },
	{ method: 'POST', path: '/settings/email?/test', allowed: ADMIN, form: { to: 'not an e-mail' } },
	{ method: 'GET', path: '/admin/users', allowed: ADMIN },
	{ method: 'POST', path: '/admin/users?/create', allowed: ADMIN, form: { email: 'not an e-mail' } },
	{ method: 'POST', path: '/admin/users?/update', allowed: ADMIN, form: { userId: 'none' } },
	{ method: 'POST', path: '/admin/users?/resetLink', allowed: ADMIN, form: { userId: 'none' } },
	{ method: 'POST', path: '/admin/users?/signOut', allowed: ADMIN, form: { userId: 'none' } },
	{ method: 'GET', path: '/admin/audit', allowed: ADMIN },
	{ method: 'GET', path: '/admin/audit.csv', allowed: ADMIN },
	{ method: 'GET', path: '/account', allowed: SIGNED_IN },
	{
		method: 'POST',
		path: '/account?/password',
		allowed: SIGNED_IN,
		form: { current: '', password: 'short', confirm: '' }
	},
	{ method: 'POST', path: '/account?/signOutEverywhere', allowed: SIGNED_IN, form: {}, refusalsOnly: true },
	{ method: 'GET', path: '/login', allowed: EVERYONE },
	{ method: 'GET', path: '/setup/not-the-token', allowed: EVERYONE },
	{ method: 'GET', path: '/reset/not-a-token', allowed: EVERYONE },
	// A page's write that no action names, and a form action that does not exist, are refused to all.
	{ method: 'POST', path: '/overview', allowed: [], form: {} },
	{ method: 'POST', path: '/uploads?/dropEverything', allowed: [], form: {} }
];

/** Refused: 401, 403, or a redirect to the sign-in page. */
function refused(status: number, location: string | undefined): boolean {
	return status === 401 || status === 403 || (status === 303 && (location ?? '').startsWith('/login'));
}

test.describe('route × role', () => {
	const contexts = new Map<Who, APIRequestContext>();

	test.beforeAll(async ({ baseURL }) => {
		for (const who of EVERYONE) {
			contexts.set(
				who,
				await newRequest.newContext({
					baseURL,
					storageState: who === 'anonymous' ? undefined : stateOf(who),
					maxRedirects: 0
				})
			);
		}
	});

	test.afterAll(async () => {
		for (const context of contexts.values()) await context.dispose();
	});

	test('every page, form action and endpoint lets in exactly the roles it should', async ({ baseURL }) => {
		// About 70 probes for each of six people, five of them rendering a board report: on a loaded
		// 2-core machine this took past the default 90 s.
		test.setTimeout(300_000);
		const wrong: string[] = [];
		for (const probe of PROBES) {
			for (const who of EVERYONE) {
				const allowed = probe.allowed.includes(who);
				if (probe.refusalsOnly && allowed) continue;
				const headers: Record<string, string> = { accept: 'text/html', origin: baseURL! };
				const response = await contexts.get(who)!.fetch(probe.path, {
					method: probe.method,
					headers: probe.body !== undefined ? { ...headers, 'content-type': 'text/csv' } : headers,
					form: probe.form,
					data: probe.body
				});
				const wasRefused = refused(response.status(), response.headers()['location']);
				if (wasRefused === allowed)
					wrong.push(
						`${probe.method} ${probe.path} as ${who}: ${response.status()} (${allowed ? 'should be let in' : 'should be refused'})`
					);
			}
		}
		expect(wrong).toEqual([]);
	});

	test('a staff member may remove only imports they made; a director may remove anyone’s', async ({ baseURL }) => {
		const staff = contexts.get('staff')!;
		const director = contexts.get('director')!;
		const upload = async (context: APIRequestContext, name: string) => {
			const response = await context.post(`/api/imports?name=${name}`, {
				headers: { origin: baseURL!, 'content-type': 'text/csv' },
				data: `period_start,period,branch,metric,value\n2018-0${name.length % 9}-01,month,Central,visits,${name.length}\n`
			});
			expect(response.status()).toBe(200);
			return ((await response.json()) as { importId: number }).importId;
		};
		const directors = await upload(director, 'directors-door-counts.csv');
		const remove = (context: APIRequestContext, importId: number) =>
			context.post('/uploads?/remove', {
				headers: { origin: baseURL!, 'x-sveltekit-action': 'true' },
				form: { importId: String(importId), confirmed: 'yes' }
			});
		const unconfirmed = await director.post('/uploads?/remove', {
			headers: { origin: baseURL!, 'x-sveltekit-action': 'true' },
			form: { importId: String(directors) }
		});
		expect(await unconfirmed.text()).toContain('Nothing was removed: confirm the removal');
		const refusedForStaff = await remove(staff, directors);
		expect(await refusedForStaff.text()).toContain('You can remove imports you made yourself');
		const own = await upload(staff, 'staff-door-counts.csv');
		expect(await (await remove(staff, own)).text()).toContain(`Removed import ${own}`);
		expect(await (await remove(director, directors)).text()).toContain(`Removed import ${directors}`);
	});

	test('the audit log records who imported, removed and changed accounts, and downloads as CSV', async () => {
		const csv = await (await contexts.get('admin')!.get('/admin/audit.csv')).text();
		expect(csv.split('\r\n')[0]).toBe('id,at (UTC),who,action,detail');
		for (const line of [
			'user:staff@maplevalley.example,file imported',
			'user:director@maplevalley.example,import removed',
			'user:admin@maplevalley.example,user created'
		]) {
			expect(csv).toContain(line);
		}
	});
});

test.describe('a staff member scoped to one branch', () => {
	test('sees only Eastside’s series and figures, while the admin sees every branch', async ({ browser }) => {
		const seriesOf = async (who: 'admin' | 'scoped') => {
			const context = await browser.newContext({ storageState: stateOf(who) });
			const page = await context.newPage();
			await page.goto('/explore');
			const options = await page.getByLabel('Outcome').locator('option').allTextContents();
			await page.goto('/overview?from=2026-01-01&to=2026-06-30');
			const attendance = await page.getByRole('article', { name: 'Program attendance' }).locator('.value').innerText();
			await context.close();
			return { options, attendance: Number(attendance.replaceAll(',', '')) };
		};
		const admin = await seriesOf('admin');
		const eastside = await seriesOf('scoped');
		expect(admin.options.some((o) => o.includes('Central'))).toBe(true);
		expect(eastside.options.some((o) => o.includes('Eastside'))).toBe(true);
		expect(eastside.options.filter((o) => /Central|Riverside/.test(o))).toEqual([]);
		expect(eastside.attendance).toBeGreaterThan(0);
		expect(eastside.attendance).toBeLessThan(admin.attendance);
	});
});
