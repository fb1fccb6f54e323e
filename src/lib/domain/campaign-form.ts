import { CampaignInput } from './campaigns';

/** What the campaign form holds, as typed: kept when the form comes back with problems. */
export interface CampaignFormValues {
	name: string;
	strategy: string;
	starts_on: string;
	ends_on: string;
	description: string;
	branches: string[];
	hashtags: string;
	keywords: string;
	link_domains: string;
	utm_campaigns: string;
	partner_accounts: string;
	promoted_programs: string[];
	outcome_metrics: string[];
	budget: string;
}

export type CampaignField = keyof CampaignFormValues;

/** The form's labels, also the words its problems are told in. */
export const CAMPAIGN_FIELD_LABELS: Record<CampaignField, string> = {
	name: 'Name',
	strategy: 'Strategy',
	starts_on: 'Start date',
	ends_on: 'End date',
	description: 'Description',
	branches: 'Branches',
	hashtags: 'Hashtags',
	keywords: 'Keywords',
	link_domains: 'Link domains',
	utm_campaigns: 'UTM campaign values',
	partner_accounts: 'Partner accounts',
	promoted_programs: 'Promoted programs',
	outcome_metrics: 'Outcome metrics',
	budget: 'Budget'
};

/** A field's text; a file sent in its place counts as nothing typed. */
const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};
const all = (form: FormData, name: string) =>
	form.getAll(name).filter((value): value is string => typeof value === 'string');

export function campaignFormValues(form: FormData): CampaignFormValues {
	return {
		name: text(form, 'name'),
		strategy: text(form, 'strategy'),
		starts_on: text(form, 'starts_on'),
		ends_on: text(form, 'ends_on'),
		description: text(form, 'description'),
		branches: all(form, 'branches'),
		hashtags: text(form, 'hashtags'),
		keywords: text(form, 'keywords'),
		link_domains: text(form, 'link_domains'),
		utm_campaigns: text(form, 'utm_campaigns'),
		partner_accounts: text(form, 'partner_accounts'),
		promoted_programs: all(form, 'promoted_programs'),
		outcome_metrics: all(form, 'outcome_metrics'),
		budget: text(form, 'budget')
	};
}

/** A stored campaign in the form's terms: lists one entry a line, the end empty while it runs. */
export function campaignToFormValues(campaign: CampaignInput): CampaignFormValues {
	return {
		name: campaign.name,
		strategy: campaign.strategy,
		starts_on: campaign.starts_on,
		ends_on: campaign.ends_on ?? '',
		description: campaign.description ?? '',
		branches: campaign.branches,
		hashtags: campaign.hashtags.map((tag) => `#${tag}`).join(' '),
		keywords: campaign.keywords.join('\n'),
		link_domains: campaign.link_domains.join('\n'),
		utm_campaigns: campaign.utm_campaigns.join('\n'),
		partner_accounts: campaign.partner_accounts.map((handle) => `@${handle}`).join(' '),
		promoted_programs: campaign.promoted_programs,
		outcome_metrics: campaign.outcome_metrics,
		budget: campaign.budget === undefined ? '' : String(campaign.budget)
	};
}

export const EMPTY_CAMPAIGN_FORM: CampaignFormValues = {
	name: '',
	strategy: '',
	starts_on: '',
	ends_on: '',
	description: '',
	branches: [],
	hashtags: '',
	keywords: '',
	link_domains: '',
	utm_campaigns: '',
	partner_accounts: '',
	promoted_programs: [],
	outcome_metrics: [],
	budget: ''
};

/** Hashtags and accounts are single words: spaces, commas or lines part them. */
const tokens = (value: string) => value.split(/[\s,]+/).filter(Boolean);
/** Keywords are phrases and links may hold commas: one a line. */
const lines = (value: string) =>
	value
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);

export type CampaignFormErrors = Partial<Record<CampaignField | 'form', string>>;

/**
 * The form read through the campaign file's schema, so a campaign made in the app is held to the
 * same rules as one imported; problems come back by field, in sentences.
 */
export function parseCampaignForm(
	values: CampaignFormValues
): { ok: true; campaign: CampaignInput } | { ok: false; errors: CampaignFormErrors } {
	const errors: CampaignFormErrors = {};
	const budgetText = values.budget.replace(/[\s,$€£]/g, '');
	const budget = budgetText === '' ? undefined : Number(budgetText);
	if (budget !== undefined && !Number.isFinite(budget)) errors.budget = 'Write the budget as a number, such as 1200.';
	const parsed = CampaignInput.safeParse({
		name: values.name,
		strategy: values.strategy,
		starts_on: values.starts_on,
		ends_on: values.ends_on.trim() === '' ? null : values.ends_on.trim(),
		description: values.description.trim() === '' ? undefined : values.description,
		branches: values.branches,
		hashtags: tokens(values.hashtags),
		keywords: lines(values.keywords),
		link_domains: lines(values.link_domains),
		utm_campaigns: lines(values.utm_campaigns),
		partner_accounts: tokens(values.partner_accounts),
		promoted_programs: values.promoted_programs,
		outcome_metrics: values.outcome_metrics,
		budget: errors.budget ? undefined : budget
	});
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = (issue.path[0] ?? 'form') as CampaignField | 'form';
			if (errors[field]) continue;
			const label = field === 'form' ? '' : CAMPAIGN_FIELD_LABELS[field];
			// The schema's own sentences stand alone; the date checks' "must be …" and "2026-02-30 is …" read after the field's name.
			errors[field] =
				/^[A-Z]/.test(issue.message) || !label
					? issue.message
					: `${label} ${issue.message}${/[.!?]$/.test(issue.message) ? '' : '.'}`;
		}
	}
	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, campaign: parsed.data };
}
