import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { can, DEMO_MODE_PERMISSIONS } from '$lib/domain/roles';
import { describeTiming, libraryToday, PERIOD_LABELS, PERIODS, WEEKDAYS } from '$lib/domain/report-schedule';
import { parseRemovalForm } from '$lib/domain/removal-form';
import { describeZodError } from '$lib/domain/zod-message';
import { databaseFor, getDatabase } from '$lib/server/app';
import { recordAudit } from '$lib/server/auth/audit';
import { getSmtpSettings } from '$lib/server/mail/smtp';
import { getSettings } from '$lib/server/settings';
import {
	canSee,
	FORMAT_LABELS,
	getReport,
	listReports,
	REPORT_FORMATS,
	removeReport
} from '$lib/server/reports/archive';
import { generateReport, type GenerateRequest } from '$lib/server/reports/generate';
import { ChromiumMissingError, RenderQueueFullError, RenderTimeoutError } from '$lib/server/reports/pdf';
import { renderOrigin } from '$lib/server/reports/render-origin';
import { dueAt, listSchedules, removeSchedule, saveSchedule, ScheduleForm } from '$lib/server/reports/schedules';
import {
	getTemplate,
	listTemplates,
	removeTemplate,
	saveTemplate,
	TemplateForm,
	TemplateInUseError,
	TemplateNameTakenError,
	templateQuery
} from '$lib/server/reports/templates';
import type { Actions, PageServerLoad } from './$types';

const ConfirmQuery = z.object({ remove: z.coerce.number().int().positive().optional().catch(undefined) });

export const load: PageServerLoad = async ({ locals, url }) => {
	const db = await getDatabase();
	const { timeZone } = await getSettings(db);
	const manage = can(locals.role, 'manageReports');
	const reports = await listReports(db, { branches: locals.user?.branches ?? null });
	const confirm = ConfirmQuery.parse(Object.fromEntries(url.searchParams));
	const schedules = manage ? await listSchedules(db) : [];
	return {
		reports,
		templates: await listTemplates(db),
		schedules: schedules.map((s) => ({ ...s, timing: describeTiming(s), nextAt: dueAt(s, timeZone).toISOString() })),
		confirmRemoval: reports.find((r) => r.reportId === confirm.remove) ?? null,
		actor: locals.actor,
		manage,
		canRemoveAny: can(locals.role, 'removeData'),
		canGenerate: locals.role ? can(locals.role, 'report') : locals.demoMode && DEMO_MODE_PERMISSIONS.includes('report'),
		mailReady: !!(await getSmtpSettings(db)).host,
		formats: REPORT_FORMATS.map((id) => ({ id, label: FORMAT_LABELS[id] })),
		periods: PERIODS.map((id) => ({ id, label: PERIOD_LABELS[id] })),
		weekdays: WEEKDAYS
	};
};

const GenerateForm = z.object({ templateId: z.coerce.number().int().positive(), format: z.enum(REPORT_FORMATS) });
const IdForm = z.object({ id: z.coerce.number().int().positive() });

/** Makes a report as the person asking (their branches, their turn in the queue) and answers in words. */
async function make(
	event: RequestEvent,
	request: Omit<GenerateRequest, 'db' | 'baseUrl' | 'renderAs' | 'owner' | 'actor' | 'source'>
) {
	const { locals, url, getClientAddress } = event;
	const renderAs = locals.user ? (`user:${locals.user.userId}` as const) : 'demo';
	try {
		const { report } = await generateReport({
			...request,
			db: await databaseFor(locals),
			baseUrl: renderOrigin(url.origin),
			renderAs,
			owner: locals.user ? renderAs : `demo:${getClientAddress()}`,
			actor: locals.actor,
			source: 'page'
		});
		await recordAudit(
			await getDatabase(),
			locals.actor,
			'report generated',
			`report ${report.reportId}: ${report.title}`
		);
		return { message: `Made report ${report.reportId} (${report.title}).`, madeReport: report.reportId };
	} catch (cause) {
		const message = cause instanceof Error ? cause.message : String(cause);
		const busy =
			cause instanceof ChromiumMissingError ||
			cause instanceof RenderQueueFullError ||
			cause instanceof RenderTimeoutError;
		return fail(busy ? 503 : 500, { message: `The report could not be made: ${message}` });
	}
}

export const actions: Actions = {
	generate: async (event) => {
		const form = GenerateForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!form.success) return fail(400, { message: 'Choose a template and a format.' });
		const db = await getDatabase();
		const template = await getTemplate(db, form.data.templateId);
		if (!template) return fail(404, { message: 'That template no longer exists.' });
		const today = libraryToday(Date.now(), (await getSettings(db)).timeZone);
		return make(event, {
			params: templateQuery(template, today),
			format: form.data.format,
			templateId: template.templateId
		});
	},
	regenerate: async (event) => {
		const form = IdForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!form.success) return fail(400, { message: 'Choose a report to make again.' });
		const report = await getReport(await getDatabase(), form.data.id);
		if (!report || !canSee(report.scope, event.locals.user?.branches))
			return fail(404, { message: `Report ${form.data.id} was not found; it may have been removed.` });
		return make(event, { params: report.params, format: report.format, templateId: report.templateId });
	},
	remove: async ({ request, locals }) => {
		const form = parseRemovalForm(IdForm.shape, await request.formData(), 'a report');
		if (!form.ok) return fail(400, { message: form.message });
		const db = await getDatabase();
		const report = await getReport(db, form.data.id);
		if (!report || !canSee(report.scope, locals.user?.branches))
			return fail(404, { message: `Report ${form.data.id} was not found; it may have been removed already.` });
		// Staff remove reports they made; removing anyone's is for directors and admins.
		if (!can(locals.role, 'removeData') && report.generatedBy !== locals.actor)
			return fail(403, { message: 'You can remove reports you made yourself. Ask a director to remove this one.' });
		await removeReport(db, report.reportId);
		await recordAudit(db, locals.actor, 'report removed', `${report.reportId}: ${report.title}`);
		return { message: `Removed report ${report.reportId} (${report.title}).` };
	},
	saveTemplate: async ({ request, locals }) => {
		const form = TemplateForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: `The template was not saved: ${describeZodError(form.error)}.` });
		try {
			const template = await saveTemplate(await getDatabase(), form.data, locals.actor);
			await recordAudit(await getDatabase(), locals.actor, 'report template saved', template.name);
			return { message: `Saved the template "${template.name}".` };
		} catch (cause) {
			if (cause instanceof TemplateNameTakenError) return fail(400, { message: cause.message });
			throw cause;
		}
	},
	removeTemplate: async ({ request, locals }) => {
		const form = parseRemovalForm(IdForm.shape, await request.formData(), 'a template');
		if (!form.ok) return fail(400, { message: form.message });
		const db = await getDatabase();
		const template = await getTemplate(db, form.data.id);
		try {
			if (!template || !(await removeTemplate(db, form.data.id)))
				return fail(404, { message: 'That template no longer exists.' });
		} catch (cause) {
			if (cause instanceof TemplateInUseError) return fail(409, { message: cause.message });
			throw cause;
		}
		await recordAudit(db, locals.actor, 'report template removed', template.name);
		return { message: `Removed the template "${template.name}".` };
	},
	saveSchedule: async ({ request, locals }) => {
		const form = ScheduleForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: `The schedule was not saved: ${describeZodError(form.error)}.` });
		const db = await getDatabase();
		if (!(await getTemplate(db, form.data.templateId)))
			return fail(404, { message: 'That template no longer exists.' });
		const schedule = await saveSchedule(
			db,
			form.data,
			{ userId: locals.user?.userId ?? null, actor: locals.actor },
			new Date()
		);
		await recordAudit(
			db,
			locals.actor,
			'report schedule saved',
			`${schedule.scheduleId}: ${schedule.templateName}, ${describeTiming(schedule)}, to ${schedule.recipients.join(', ')}`
		);
		return { message: `Saved: "${schedule.templateName}" ${describeTiming(schedule).toLowerCase()}.` };
	},
	removeSchedule: async ({ request, locals }) => {
		const form = parseRemovalForm(IdForm.shape, await request.formData(), 'a schedule');
		if (!form.ok) return fail(400, { message: form.message });
		const db = await getDatabase();
		if (!(await removeSchedule(db, form.data.id))) return fail(404, { message: 'That schedule no longer exists.' });
		await recordAudit(db, locals.actor, 'report schedule removed', String(form.data.id));
		return { message: 'Removed the schedule. Reports it made stay in the list.' };
	}
};
