import type { Permission } from '../../domain/roles';

/** `public`: anyone, signed in or not; `signedIn`: any signed-in person; otherwise a permission. */
export type Rule = Permission | 'public' | 'signedIn';

export interface RoutePolicy {
	/** GET and HEAD: the page or the endpoint's read */
	read: Rule;
	/** a page's form actions by name (`default` for the unnamed one) */
	actions?: Record<string, Rule>;
	/** POST, PUT, PATCH and DELETE on an endpoint (+server.ts) */
	write?: Rule;
}

/**
 * Every route and what it needs, in one table. A route missing here is refused to everyone (the
 * route × role test also fails), so a new page cannot be published open by accident.
 */
export const ROUTE_POLICY: Record<string, RoutePolicy> = {
	'/(app)': { read: 'view' },
	'/(app)/overview': { read: 'view' },
	'/(app)/campaigns': { read: 'view' },
	'/(app)/campaigns/[id]': { read: 'view', actions: { decide: 'curate', correct: 'curate' } },
	'/(app)/campaigns/new': { read: 'curate', actions: { preview: 'curate', save: 'curate' } },
	'/(app)/campaigns/[id]/edit': { read: 'curate', actions: { preview: 'curate', save: 'curate', close: 'curate' } },
	'/(app)/strategies': { read: 'view', actions: { classify: 'curate' } },
	'/(app)/literacy': { read: 'view' },
	'/(app)/usage': { read: 'view' },
	'/(app)/programs': { read: 'view' },
	'/(app)/social': { read: 'view' },
	'/(app)/explore': { read: 'view' },
	'/(app)/library': { read: 'view' },
	'/(app)/xid': { read: 'view' },
	'/(app)/uploads': { read: 'viewImports', actions: { remove: 'import', removeDemo: 'removeData' } },
	'/(app)/map/[token]': { read: 'import', actions: { preview: 'import', import: 'import' } },
	'/(app)/settings': { read: 'settings', actions: { default: 'settings' } },
	'/(app)/settings/email': { read: 'settings', actions: { save: 'settings', test: 'settings' } },
	'/(app)/settings/logo': { read: 'settings', actions: { save: 'settings', remove: 'settings' } },
	'/(app)/account': { read: 'signedIn', actions: { password: 'signedIn', signOutEverywhere: 'signedIn' } },
	'/(app)/admin/users': {
		read: 'manageUsers',
		actions: { create: 'manageUsers', update: 'manageUsers', resetLink: 'manageUsers', signOut: 'manageUsers' }
	},
	'/(app)/admin/audit': { read: 'manageUsers' },
	'/admin/audit.csv': { read: 'manageUsers' },
	'/api/imports': { read: 'viewImports', write: 'import' },
	// Its POST answers only the token the server left beside its database (backup-control.ts).
	'/api/backup': { read: 'manageUsers', write: 'public' },
	'/(app)/reports/new': { read: 'report' },
	'/print/board-report': { read: 'report' },
	'/reports/board.pdf': { read: 'report' },
	'/(app)/reports': {
		read: 'report',
		actions: {
			generate: 'report',
			regenerate: 'report',
			remove: 'manageReports',
			saveTemplate: 'manageReports',
			removeTemplate: 'manageReports',
			saveSchedule: 'manageReports',
			removeSchedule: 'manageReports'
		}
	},
	'/reports/archive/[id]': { read: 'report' },
	'/login': { read: 'public', actions: { default: 'public' } },
	'/logout': { read: 'public', write: 'public' },
	'/setup/[token]': { read: 'public', actions: { default: 'public' } },
	'/reset/[token]': { read: 'public', actions: { default: 'public' } }
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The rule for one request, or null when the route is not in the table (refused). */
export function ruleFor(routeId: string, method: string, search: string, isPage: boolean): Rule | null {
	const policy = ROUTE_POLICY[routeId];
	if (!policy) return null;
	if (!WRITES.has(method)) return policy.read;
	if (!isPage) return policy.write ?? null;
	// A form action is named by the query parameter that starts with a slash, wherever it stands, as
	// SvelteKit reads it: `?/remove`, or `?page=2&/correct` from page 2 of a list; without one it is `default`.
	const named = [...new URLSearchParams(search).keys()].find((key) => key.startsWith('/'));
	const name = named ? named.slice(1) : 'default';
	return policy.actions?.[name] ?? null;
}
