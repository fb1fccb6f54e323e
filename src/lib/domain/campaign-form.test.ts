import { describe, expect, it } from 'vitest';
import { campaignFormValues, campaignToFormValues, EMPTY_CAMPAIGN_FORM, parseCampaignForm } from './campaign-form';

const form = (fields: Record<string, string | string[]>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields))
		for (const one of Array.isArray(value) ? value : [value]) data.append(name, one);
	return campaignFormValues(data);
};

describe('the campaign form', () => {
	it('reads lists as staff type them and holds them to the campaign file’s schema', () => {
		const values = form({
			name: '  Teen Tech Week ',
			strategy: 'programs_showcase',
			starts_on: '2026-03-02',
			ends_on: '',
			hashtags: '#TeenTech, MVPLteens\n#Makers',
			keywords: 'coding club\n  robot*  \n',
			link_domains: 'https://maplevalley.libcal.com/event/1',
			utm_campaigns: 'teen-tech-2026',
			partner_accounts: '@MVSchools @@RoboticsClub',
			branches: ['Eastside', 'Main'],
			promoted_programs: ['Coding Club'],
			outcome_metrics: ['programs:attendance:Eastside'],
			budget: '$1,250.50'
		});
		const parsed = parseCampaignForm(values);
		expect(parsed).toEqual({
			ok: true,
			campaign: {
				name: 'Teen Tech Week',
				strategy: 'programs_showcase',
				starts_on: '2026-03-02',
				ends_on: null,
				branches: ['Eastside', 'Main'],
				hashtags: ['teentech', 'mvplteens', 'makers'],
				outcome_metrics: ['programs:attendance:Eastside'],
				keywords: ['coding club', 'robot*'],
				link_domains: ['https://maplevalley.libcal.com/event/1'],
				utm_campaigns: ['teen-tech-2026'],
				partner_accounts: ['MVSchools', 'RoboticsClub'],
				promoted_programs: ['Coding Club'],
				budget: 1250.5
			}
		});
		if (parsed.ok) expect(parseCampaignForm(campaignToFormValues(parsed.campaign))).toEqual(parsed);
	});

	it('tells each problem in words beside its field', () => {
		const parsed = parseCampaignForm({
			...EMPTY_CAMPAIGN_FORM,
			name: ' ',
			strategy: 'posting_a_lot',
			starts_on: '2026-04-10',
			ends_on: '2026-04-01',
			budget: 'a lot'
		});
		expect(parsed).toEqual({
			ok: false,
			errors: {
				name: 'Write a name for the campaign.',
				strategy: 'Choose one of the strategies.',
				ends_on: 'The end date is before the start date.',
				budget: 'Write the budget as a number, such as 1200.'
			}
		});
		expect(
			parseCampaignForm({ ...EMPTY_CAMPAIGN_FORM, name: 'x', strategy: 'success_stories', starts_on: '2026-02-30' })
		).toMatchObject({
			ok: false,
			errors: { starts_on: expect.stringMatching(/^Start date 2026-02-30 is not a real date/) }
		});
	});
});
