import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../db/test-support';
import { ROUTE_POLICY, ruleFor } from './policy';

const ROUTES = join(REPO_ROOT, 'src', 'routes');

/** Every route folder with a page or an endpoint, as SvelteKit names it, and the form actions each page defines. */
function routesOnDisk(): Map<string, { actions: string[]; endpoint: boolean }> {
	const found = new Map<string, { actions: string[]; endpoint: boolean }>();
	const walk = (dir: string) => {
		const files = readdirSync(dir);
		const page = files.some((f) => f.startsWith('+page.'));
		const endpoint = files.includes('+server.ts');
		if (page || endpoint) {
			const id = '/' + relative(ROUTES, dir).split('\\').join('/');
			const server = files.includes('+page.server.ts') ? readFileSync(join(dir, '+page.server.ts'), 'utf8') : '';
			const block = server.slice(server.indexOf('export const actions'));
			const actions = server.includes('export const actions')
				? [...block.matchAll(/^\t(\w+): async/gm)].map((m) => m[1]!)
				: [];
			found.set(id === '/' ? '/' : id.replace(/\/$/, ''), { actions, endpoint });
		}
		for (const file of files) if (statSync(join(dir, file)).isDirectory()) walk(join(dir, file));
	};
	walk(ROUTES);
	return found;
}

describe('the route policy', () => {
	const onDisk = routesOnDisk();

	it('names every route in src/routes, and nothing that is not there', () => {
		expect([...onDisk.keys()].sort()).toEqual(Object.keys(ROUTE_POLICY).sort());
	});

	it('names every form action of every page, so no action is open or refused by accident', () => {
		for (const [id, { actions }] of onDisk) {
			expect({ id, actions: Object.keys(ROUTE_POLICY[id]?.actions ?? {}).sort() }).toEqual({
				id,
				actions: [...actions].sort()
			});
		}
	});

	it('reads the action name from the query, and refuses a write the table does not name', () => {
		expect(ruleFor('/(app)/uploads', 'POST', '?/removeDemo', true)).toBe('removeData');
		expect(ruleFor('/(app)/uploads', 'POST', '?/remove', true)).toBe('import');
		expect(ruleFor('/(app)/uploads', 'POST', '', true)).toBeNull();
		expect(ruleFor('/(app)/overview', 'POST', '', true)).toBeNull();
		expect(ruleFor('/reports/board.pdf', 'POST', '', false)).toBeNull();
		expect(ruleFor('/(app)/nowhere', 'GET', '', true)).toBeNull();
		expect(ruleFor('/api/imports', 'POST', '?name=x.csv', false)).toBe('import');
		// Forms on page 2 of a list keep their page before the action's name.
		expect(ruleFor('/(app)/campaigns/[id]', 'POST', '?page=2&/correct', true)).toBe('curate');
		expect(ruleFor('/(app)/strategies', 'POST', '?page=3&/classify', true)).toBe('curate');
	});
});
