import { expect, test, type Browser } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { hydrated } from '../support/hydrated';
import { AUTH_DIR, PEOPLE, setupLink, stateOf } from '../support/roles';

// A newcomer's first minutes, as `npm start` serves Lantern: the demo can be looked at without an
// account, nothing can be changed, and the admin account comes from the one-time link on the console.
// The people made here (one per role) are what the other specs sign in as.

test.describe.configure({ mode: 'serial' });

test('in demo mode anyone can look at the demo library, but not change it', async ({ page, request, baseURL }) => {
	await page.goto('/overview');
	await expect(page.getByRole('complementary', { name: 'Demo mode' })).toContainText('no accounts yet');
	await expect(page.getByRole('article', { name: 'Posts' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' })).toHaveCount(0);
	await page.goto('/uploads');
	await expect(page).toHaveURL(/\/login\?next=%2Fuploads/);
	const save = await request.post('/settings', {
		form: { libraryName: 'Taken over', timeZone: 'UTC' },
		headers: { origin: baseURL!, 'x-sveltekit-action': 'true' }
	});
	expect(save.status()).toBe(401);
	const upload = await request.post('/api/imports?name=x.csv', {
		data: 'period_start,period,branch,metric,value\n',
		headers: { origin: baseURL!, 'content-type': 'text/csv' }
	});
	expect(upload.status()).toBe(401);
});

test('the admin is created from the one-time setup link, which then stops working', async ({ page }) => {
	mkdirSync(AUTH_DIR, { recursive: true });
	const path = new URL(setupLink()).pathname;
	await page.goto(path);
	await hydrated(page);
	await page.getByLabel('Your name').fill(PEOPLE.admin.name);
	await page.getByLabel('E-mail').fill(PEOPLE.admin.email);
	await page.getByLabel('Password (at least 12 characters)').fill(PEOPLE.admin.password);
	await page.getByLabel('Password again').fill(PEOPLE.admin.password);
	await page.getByRole('button', { name: 'Create the admin account' }).click();
	await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
	await expect(page.getByRole('complementary', { name: 'Demo mode' })).toHaveCount(0);
	await page.context().storageState({ path: stateOf('admin') });
	const again = await page.goto(path);
	expect(again?.status()).toBe(404);
});

async function addPerson(
	browser: Browser,
	who: 'director' | 'staff' | 'viewer' | 'scoped',
	role: string,
	branches = ''
) {
	const admin = await browser.newContext({ storageState: stateOf('admin') });
	const page = await admin.newPage();
	await page.goto('/admin/users');
	await hydrated(page);
	const form = page.locator('form.add');
	await form.getByLabel('Name').fill(PEOPLE[who].name);
	await form.getByLabel('E-mail').fill(PEOPLE[who].email);
	await form.getByLabel('Role').selectOption(role);
	if (branches) await form.getByLabel(/^Branches/).fill(branches);
	await form.getByRole('button', { name: 'Add' }).click();
	const link = await page.getByLabel('Link to set the password').inputValue();
	await admin.close();

	// The new person opens the link in their own browser and chooses a password.
	const own = await browser.newContext();
	const theirs = await own.newPage();
	await theirs.goto(new URL(link).pathname);
	await hydrated(theirs);
	await theirs.getByLabel('New password (at least 12 characters)').fill(PEOPLE[who].password);
	await theirs.getByLabel('New password again').fill(PEOPLE[who].password);
	await theirs.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(theirs).toHaveURL(/\/overview/);
	await own.storageState({ path: stateOf(who) });
	await own.close();
}

test('the admin adds a director, staff, a trustee and a branch-scoped staff member, each setting their own password', async ({
	browser
}) => {
	await addPerson(browser, 'director', 'director');
	await addPerson(browser, 'staff', 'staff');
	await addPerson(browser, 'viewer', 'viewer');
	await addPerson(browser, 'scoped', 'staff', 'Eastside');
});

test('people sign in and out; a wrong password is refused without saying which part was wrong', async ({ page }) => {
	await page.goto('/login');
	await hydrated(page);
	await page.getByLabel('E-mail').fill(PEOPLE.viewer.email);
	await page.getByLabel('Password').fill('not the password at all');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('That e-mail and password do not match an account.');
	await page.getByLabel('Password').fill(PEOPLE.viewer.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/overview/);
	await expect(page.getByRole('link', { name: /Terry Trustee/ })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.goto('/overview');
	await expect(page).toHaveURL(/\/login\?next=%2Foverview/);
});
