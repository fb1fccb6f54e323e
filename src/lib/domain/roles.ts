import { z } from 'zod';

/**
 * Who may do what. A trustee reads (viewer); staff upload, map and curate campaigns; a director
 * also removes data and the demo; an admin also manages people and settings and reads the audit log.
 */
export const ROLES = ['admin', 'director', 'staff', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const Role = z.enum(ROLES);

export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Admin',
	director: 'Director',
	staff: 'Staff',
	viewer: 'Viewer (trustee)'
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
	admin: 'people, settings, the audit log and all data',
	director: 'everything in their branches: dashboards, reports, uploads, campaigns, removing data',
	staff: 'uploads, column mapping, campaigns and strategy corrections, dashboards and reports',
	viewer: 'dashboards and reports only'
};

export type Permission =
	/** dashboards, Explore, X ID tools */
	| 'view'
	/** board-report PDFs */
	| 'report'
	/** report templates and schedules (which e-mail reports out), removing one's own reports */
	| 'manageReports'
	/** the import log (who uploaded, what was refused) */
	| 'viewImports'
	/** upload files, map columns */
	| 'import'
	/** campaign decisions and strategy corrections */
	| 'curate'
	/** remove any import, and the demo library */
	| 'removeData'
	/** library settings */
	| 'settings'
	/** people, roles, reset links, the audit log */
	| 'manageUsers';

const GRANTS: Record<Role, readonly Permission[]> = {
	admin: [
		'view',
		'report',
		'manageReports',
		'viewImports',
		'import',
		'curate',
		'removeData',
		'settings',
		'manageUsers'
	],
	director: ['view', 'report', 'manageReports', 'viewImports', 'import', 'curate', 'removeData'],
	staff: ['view', 'report', 'manageReports', 'viewImports', 'import', 'curate'],
	viewer: ['view', 'report']
};

/** Every permission, in the order pages list them: an admin holds them all. */
export const ALL_PERMISSIONS: readonly Permission[] = GRANTS.admin;

export function can(role: Role | null, permission: Permission): boolean {
	return role !== null && GRANTS[role].includes(permission);
}

/** What anyone may do, signed in or not, while Lantern is in demo mode (no accounts, demo data only). */
export const DEMO_MODE_PERMISSIONS: readonly Permission[] = ['view', 'report'];
