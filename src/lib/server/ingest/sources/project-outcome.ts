import { formatCount } from '../../../format';
import { defineSource, type FieldSpec } from '../source';

const AGREEMENT = ['strongly disagree', 'disagree', 'neither agree nor disagree', 'agree', 'strongly agree'] as const;
/** The five-point scale as 1–5; "N/A" and blanks stay unknown. */
const scale = (cell: string) =>
	`CASE ${cell} ${AGREEMENT.map((answer, i) => `WHEN '${answer}' THEN ${i + 1}`).join(' ')} END`;
// Each statement is read twice: as written (kept) and as one of the scale's answers (checked, scored).
const statement = (...headers: string[]): FieldSpec => ({
	headers,
	type: { kind: 'enum', values: [...AGREEMENT, 'n/a', 'not applicable'] }
});
const text = (...headers: string[]): FieldSpec => ({ headers, type: { kind: 'text' } });
/** A name or an ID: one line, or a stray quote joined rows. */
/** An answer in the respondent's own words: stored scrubbed of names, phones, e-mails and addresses. */
const freeText = (...headers: string[]): FieldSpec => ({ headers, type: { kind: 'text', freeText: true } });
const name = (...headers: string[]): FieldSpec => ({ headers, type: { kind: 'text', oneLine: true } });

/** Every field but the response ID: with no ID, a row with all of these the same is the same response. */
const ANSWERS = [
	'topic',
	'type',
	'program',
	'date',
	'branch',
	'knowledgeText',
	'confidenceText',
	'applicationText',
	'awarenessText',
	'likedMost',
	'learnMore'
] as const;

/**
 * PLA Project Outcome responses, one row per response (docs/export-formats.md, "Project Outcome"). The raw download's
 * headers are unconfirmed, so each outcome is matched by its short name or by its statement's wording.
 */
export const projectOutcomeResponses = defineSource({
	id: 'project-outcome',
	label: 'Project Outcome survey responses',
	description:
		'One row per response: survey topic, immediate or follow-up, program, date, branch, the four outcome statements (knowledge, confidence, application, awareness) on the agreement scale, and the open answers.',
	target: 'survey_records',
	anchors: ['survey topic'],
	fields: {
		responseId: name('response id', 'response'),
		topic: {
			headers: ['survey topic', 'topic', 'service area'],
			type: { kind: 'text', oneLine: true },
			required: true
		},
		type: {
			headers: ['survey type', 'immediate or follow-up', 'survey'],
			type: { kind: 'enum', values: ['immediate', 'follow-up', 'follow up', 'followup'] }
		},
		program: name('program', 'program name', 'event'),
		date: {
			headers: ['date', 'program date', 'response date'],
			type: { kind: 'date', formats: ['%Y-%m-%d', '%m/%d/%Y'] }
		},
		branch: name('branch', 'location', 'library'),
		knowledge: statement(
			'knowledge',
			'i learned something new that is helpful.',
			'i learned something new that is helpful'
		),
		knowledgeText: text(
			'knowledge',
			'i learned something new that is helpful.',
			'i learned something new that is helpful'
		),
		confidence: statement(
			'confidence',
			'i feel more confident about what i just learned.',
			'i feel more confident about what i just learned'
		),
		confidenceText: text(
			'confidence',
			'i feel more confident about what i just learned.',
			'i feel more confident about what i just learned'
		),
		application: statement(
			'application',
			'i intend to apply what i just learned.',
			'i intend to apply what i just learned'
		),
		applicationText: text(
			'application',
			'i intend to apply what i just learned.',
			'i intend to apply what i just learned'
		),
		awareness: statement(
			'awareness',
			'i am more aware of resources and services provided by the library.',
			'i am more aware of resources and services provided by the library'
		),
		awarenessText: text(
			'awareness',
			'i am more aware of resources and services provided by the library.',
			'i am more aware of resources and services provided by the library'
		),
		likedMost: freeText('what did you like most about the program?', 'liked most'),
		learnMore: freeText('what could the library do to help you learn more?', 'learn more')
	},
	// A response exported twice (the same ID, or with no ID the same answers) is one response.
	distinct: {
		key: (n) =>
			`CASE WHEN ${n.responseId} IS NOT NULL THEN 'id ' || ${n.responseId} ELSE concat_ws(chr(31), 'row', ${ANSWERS.map((f) => `coalesce(CAST(${n[f]} AS VARCHAR), chr(30))`).join(', ')}) END`,
		describe: (repeated) =>
			`${formatCount(repeated)} response${repeated === 1 ? '' : 's'} repeated an earlier one in the file (the same response ID, or the same answers) and ${repeated === 1 ? 'was' : 'were'} counted once.`
	},
	load: (n) => ({
		response_id: n.responseId,
		survey_topic: n.topic,
		survey_type: `CASE WHEN ${n.type} IS NULL THEN NULL WHEN ${n.type} = 'immediate' THEN 'immediate' ELSE 'follow-up' END`,
		program: n.program,
		date: n.date,
		branch: n.branch,
		knowledge_text: n.knowledgeText,
		knowledge: scale(n.knowledge),
		confidence_text: n.confidenceText,
		confidence: scale(n.confidence),
		application_text: n.applicationText,
		application: scale(n.application),
		awareness_text: n.awarenessText,
		awareness: scale(n.awareness),
		liked_most: n.likedMost,
		learn_more: n.learnMore
	})
});
