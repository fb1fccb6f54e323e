import { z } from 'zod';
import { PERIODS, resolvePeriod, type ReportPeriod } from '../../domain/report-schedule';
import type { Database } from '../db/database';
import { withDates } from './generate';

export interface ReportTemplate {
	templateId: number;
	name: string;
	description: string;
	/** the print page's query string without its dates */
	params: string;
	period: ReportPeriod;
	updatedBy: string | null;
	updatedAt: string;
}

/** A template as a form sends it; `params` carries the builder's other parameters through untouched. */
export const TemplateForm = z.object({
	templateId: z.coerce.number().int().positive().optional(),
	name: z.string().trim().min(1, 'give the template a name').max(120),
	description: z.string().trim().max(500).default(''),
	period: z.enum(PERIODS),
	compare: z.enum(['previous', 'year']).default('year'),
	params: z.string().max(4000).default('')
});
export type TemplateForm = z.infer<typeof TemplateForm>;

/** The template's query without dates, its comparison written in (dates come from the period rule). */
function templateParams(form: TemplateForm): string {
	const query = new URLSearchParams(form.params);
	query.delete('from');
	query.delete('to');
	query.set('compare', form.compare);
	return query.toString();
}

function fromRow(row: Record<string, unknown>): ReportTemplate {
	return {
		templateId: row.template_id as number,
		name: row.name as string,
		description: row.description as string,
		params: row.params as string,
		period: row.period as ReportPeriod,
		updatedBy: (row.updated_by as string | null) ?? null,
		updatedAt: row.updated_at as string
	};
}

const COLUMNS = `template_id, name, description, params, period, updated_by,
	strftime(updated_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS updated_at`;

export async function listTemplates(db: Database): Promise<ReportTemplate[]> {
	return (await db.query(`SELECT ${COLUMNS} FROM report_templates ORDER BY lower(name)`)).map(fromRow);
}

export async function getTemplate(db: Database, templateId: number): Promise<ReportTemplate | null> {
	const [row] = await db.query(`SELECT ${COLUMNS} FROM report_templates WHERE template_id = $1`, [templateId]);
	return row ? fromRow(row) : null;
}

export async function templateNamed(db: Database, name: string): Promise<ReportTemplate | null> {
	const [row] = await db.query(`SELECT ${COLUMNS} FROM report_templates WHERE lower(name) = lower($1)`, [name.trim()]);
	return row ? fromRow(row) : null;
}

export class TemplateNameTakenError extends Error {}

/** Creates a template, or changes one when the form names its id. */
export async function saveTemplate(db: Database, form: TemplateForm, actor: string): Promise<ReportTemplate> {
	const same = await templateNamed(db, form.name);
	if (same && same.templateId !== form.templateId)
		throw new TemplateNameTakenError(`A template is already called "${same.name}". Choose another name.`);
	const values = [form.name, form.description, templateParams(form), form.period, actor];
	if (form.templateId) {
		const [row] = await db.query(
			`UPDATE report_templates SET name = $1, description = $2, params = $3, period = $4, updated_by = $5, updated_at = now()
			 WHERE template_id = $6 RETURNING ${COLUMNS}`,
			[...values, form.templateId]
		);
		if (!row) throw new Error(`Template ${form.templateId} no longer exists.`);
		return fromRow(row);
	}
	const [row] = await db.query(
		`INSERT INTO report_templates (name, description, params, period, updated_by, updated_at)
		 VALUES ($1, $2, $3, $4, $5, now()) RETURNING ${COLUMNS}`,
		values
	);
	return fromRow(row!);
}

export class TemplateInUseError extends Error {}

/** Removes a template no schedule uses (a schedule's reports would otherwise stop without a word). */
export async function removeTemplate(db: Database, templateId: number): Promise<boolean> {
	const [used] = await db.query<{ n: number }>('SELECT count(*) AS n FROM report_schedules WHERE template_id = $1', [
		templateId
	]);
	if ((used?.n ?? 0) > 0)
		throw new TemplateInUseError('A schedule sends this template. Remove the schedule first, then the template.');
	const removed = await db.query('DELETE FROM report_templates WHERE template_id = $1 RETURNING template_id', [
		templateId
	]);
	return removed.length > 0;
}

/** The print page's query for this template made on `today` (the library's date): the period's dates filled in. */
export function templateQuery(template: Pick<ReportTemplate, 'params' | 'period'>, today: string): string {
	return withDates(template.params, resolvePeriod(template.period, today));
}
