import { defineSource } from '../source';

/**
 * LinkedIn member (creator) analytics workbook, Post impressions → Export: the ENGAGEMENT sheet's
 * daily impressions and engagements. Dates are text cells written M/D/YYYY.
 */
export const linkedinCreatorEngagement = defineSource({
	id: 'linkedin-creator-engagement',
	label: 'LinkedIn creator analytics (daily engagement)',
	description: "The .xlsx from a LinkedIn profile's Post impressions → Export: daily impressions and engagements from its ENGAGEMENT sheet. (A company Page's export has Metrics and All posts sheets instead.)",
	target: 'account_daily_records',
	sheet: 'engagement',
	anchors: ['date', 'impressions', 'engagements'],
	fields: {
		date: { headers: ['date'], type: { kind: 'date', formats: ['%m/%d/%Y', '%Y-%m-%d'] }, required: true },
		impressions: { headers: ['impressions'], type: { kind: 'count' } },
		// LinkedIn writes later corrections as negative days (-87.0 on 6/13/2023 in the real export).
		engagements: { headers: ['engagements'], type: { kind: 'count', signed: true } }
	},
	load: (n) => ({ platform: `'linkedin'`, account: `''`, date: n.date, impressions: n.impressions, engagements: n.engagements })
});
