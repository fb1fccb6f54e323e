import type { CampaignLink } from './dashboards';
import type { DashboardContext } from './dashboard-filters';

/** The summer-reading funnel's stages, in order, as the literacy template names them. */
export const FUNNEL_STAGES = ['registrations', 'active_readers', 'completions'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_LABELS: Record<FunnelStage, string> = {
	registrations: 'Registered',
	active_readers: 'Active',
	completions: 'Completed'
};

/** One stage's figure for a branch and age group (null: all of them), in the range and the comparison range. */
export interface FunnelFigure {
	branch: string | null;
	ageGroup: string | null;
	stage: FunnelStage;
	current: number | null;
	previous: number | null;
}

/** Registrations or completions of one week, at one branch, in the range or in the comparison range. */
export interface LiteracyWeek {
	week: string;
	branch: string;
	stage: 'registrations' | 'completions';
	value: number;
	/** whether the week lies in the comparison range (its date is then shifted onto the range for the chart) */
	comparison: boolean;
	/** the week's date on the chart's axis: the comparison's weeks moved forward by the gap between the ranges */
	shiftedWeek: string;
}

/** Project Outcome answers to one statement of one survey topic. */
export interface OutcomeAgreement {
	topic: string;
	outcome: string;
	responses: number;
	agreeing: number;
	agreeShare: number | null;
}

export interface LiteracyDashboard {
	context: DashboardContext;
	branches: string[];
	ageGroups: string[];
	programs: string[];
	funnel: FunnelFigure[];
	weeks: LiteracyWeek[];
	outcomes: OutcomeAgreement[];
	surveyResponses: number;
	/** campaigns whose dates meet the range; the summer-reading ones (an outcome metric of literacy) first */
	campaigns: CampaignLink[];
	/** whether any literacy row or survey response is loaded at all */
	hasLiteracy: boolean;
	hasSurveys: boolean;
}
