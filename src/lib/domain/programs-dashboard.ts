import type { CampaignLink } from './dashboards';
import type { DashboardContext } from './dashboard-filters';

export const PROGRAM_DIMENSIONS = ['category', 'audience', 'branch', 'promoted'] as const;
export type ProgramDimension = (typeof PROGRAM_DIMENSIONS)[number] | 'all';

/** Programs held in one group (a category, an audience, a branch, promoted or not), in the range and before. */
export interface ProgramGroup {
	dimension: ProgramDimension;
	/** the category, audience or branch; 'promoted' or 'not promoted'; null for all programs */
	value: string | null;
	programs: number;
	attendance: number | null;
	previousPrograms: number;
	previousAttendance: number | null;
	/** attendance and registrations of the programs that took registrations, for the fill rate */
	registeredAttendance: number | null;
	registrations: number | null;
}

export interface ProgramMonth {
	month: string;
	branch: string;
	value: number;
	/** how many branches the row adds together, on the "N other branches" line (see other-branches.ts) */
	others?: number;
}

export interface ProgramsDashboard {
	context: DashboardContext;
	branches: string[];
	groups: ProgramGroup[];
	months: ProgramMonth[];
	campaigns: CampaignLink[];
	hasPrograms: boolean;
	/** whether any program is linked to a post that promoted it */
	hasPromotions: boolean;
}

/** Attendance ÷ confirmed registrations, over programs that took registrations (Lantern stores no seat counts). */
export function fillRate(group: Pick<ProgramGroup, 'registeredAttendance' | 'registrations'>): number | null {
	return group.registrations ? (group.registeredAttendance ?? 0) / group.registrations : null;
}
