import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPages } from '../../../../tests/support/pdf-text';
import { demoDatabase } from '../db/test-support';
import type { Database } from '../db/database';
import { createUser, updateUser } from '../auth/users';
import { saveSmtpSettings, sendMail } from '../mail/smtp';
import { listReports } from './archive';
import { closeReportBrowser } from './pdf';
import { withReportPage } from './browser';
import { generateReport } from './generate';
import { serveBuild } from './serve-build';
import { runDueSchedules } from './scheduler';
import { getSchedule, saveSchedule } from './schedules';
import { templateNamed } from './templates';

/** A real SMTP server on loopback that keeps every message it accepts, parsed. */
async function startMailbox(port = 0) {
	const received: ParsedMail[] = [];
	const logins: string[] = [];
	const server = new SMTPServer({
		secure: false,
		disabledCommands: ['STARTTLS'],
		allowInsecureAuth: true,
		logger: false,
		onAuth(auth, _session, callback) {
			logins.push(`${auth.username}:${auth.password}`);
			if (auth.username === 'reports' && auth.password === 'lantern-smtp-secret')
				callback(null, { user: auth.username });
			else callback(new Error('Invalid username or password'));
		},
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					received.push(mail);
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.server.address() as AddressInfo;
	return {
		port: address.port,
		received,
		logins,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

describe('scheduled board reports, e-mailed through a real SMTP server on loopback', () => {
	let db: Database;
	let mailbox: Awaited<ReturnType<typeof startMailbox>>;
	let build: Awaited<ReturnType<typeof serveBuild>>;

	beforeAll(async () => {
		db = await demoDatabase();
		// Maple Valley keeps its calendar in America/Chicago; its data runs to October 2026.
		mailbox = await startMailbox();
		await saveSmtpSettings(db, {
			host: '127.0.0.1',
			port: mailbox.port,
			security: 'none',
			user: 'reports',
			password: 'lantern-smtp-secret',
			clearPassword: false,
			from: 'lantern@maplevalley.example'
		});
		build = await serveBuild(db.path);
	}, 600_000);

	afterAll(async () => {
		await closeReportBrowser();
		await build?.close();
		await mailbox?.close().catch(() => undefined);
	});

	it('keeps the SMTP password sealed in the database and still signs in with it', async () => {
		const stored = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'smtpPassword'`);
		expect(stored[0]!.value).toMatch(/^v1:/);
		expect(JSON.stringify(await db.query('SELECT * FROM settings'))).not.toContain('lantern-smtp-secret');
		await sendMail(db, { to: ['admin@maplevalley.example'], subject: 'Lantern test', text: 'It works.' });
		expect(mailbox.logins).toContain('reports:lantern-smtp-secret');
		expect(mailbox.received.at(-1)!.subject).toBe('Lantern test');
	});

	it(
		'sends the monthly board packet on day 3 at 7:00 library time with the PDF attached, and retries when the server is down',
		{ timeout: 300_000 },
		async () => {
			const template = (await templateNamed(db, 'Monthly board packet'))!;
			const recipients = ['director@maplevalley.example', 'chair@trustees.example'];
			const schedule = await saveSchedule(
				db,
				{
					templateId: template.templateId,
					cadence: 'monthly',
					dayOfMonth: 3,
					weekday: 1,
					hour: 7,
					recipients,
					enabled: true
				},
				{ userId: null, actor: 'cli:test' },
				new Date('2026-10-20T12:00:00Z')
			);
			const tick = (iso: string) => runDueSchedules(db, new Date(iso), { baseUrl: () => build.baseUrl });
			const before = mailbox.received.length;

			// 06:59 in Chicago on November 3 (CST, UTC−6): not yet.
			expect(await tick('2026-11-03T12:59:00Z')).toEqual([]);
			const [sent] = await tick('2026-11-03T13:00:00Z');
			expect(sent).toMatchObject({ scheduleId: schedule.scheduleId, status: 'sent', error: null });
			expect(mailbox.received.length).toBe(before + 1);
			const mail = mailbox.received.at(-1)!;
			expect(mail.subject).toBe('Maple Valley Public Library: Monthly board packet, Oct 1, 2026 – Oct 31, 2026');
			expect((Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((to) => to!.value.map((v) => v.address))).toEqual(
				recipients
			);
			const [attachment] = mail.attachments;
			expect(attachment).toMatchObject({
				filename: 'lantern-board-report-2026-10-01-to-2026-10-31.pdf',
				contentType: 'application/pdf'
			});
			expect(attachment!.content.subarray(0, 5).toString()).toBe('%PDF-');
			const pages = await pdfPages(new Uint8Array(attachment!.content));
			expect(pages[0]).toContain('Oct 1, 2026 – Oct 31, 2026');
			expect(pages[0]).toContain('Maple Valley Public Library');
			const [kept] = await listReports(db);
			expect(kept).toMatchObject({
				reportId: sent!.reportId,
				source: 'schedule',
				scheduleId: schedule.scheduleId,
				status: 'ready',
				pages: pages.length,
				bytes: attachment!.content.length,
				emailedTo: recipients,
				emailError: null
			});

			// The mail server is down on December 3: the report is made and kept, the sending fails and is retried.
			await mailbox.close();
			const [failed] = await tick('2026-12-03T13:00:00Z');
			expect(failed).toMatchObject({ status: 'retrying' });
			expect(failed!.error).toContain(`The mail server 127.0.0.1:${mailbox.port} refused the connection`);
			const waiting = (await getSchedule(db, schedule.scheduleId))!;
			expect(waiting).toMatchObject({ lastStatus: 'retrying', failures: 1, retryAt: '2026-12-03T13:05:00Z' });
			expect((await listReports(db))[0]).toMatchObject({ reportId: failed!.reportId, status: 'ready' });
			expect((await listReports(db))[0]!.emailError).toContain('refused the connection');
			// Not before its five minutes are up.
			expect(await tick('2026-12-03T13:03:00Z')).toEqual([]);

			mailbox = await startMailbox(mailbox.port);
			const [retried] = await tick('2026-12-03T13:05:00Z');
			// The same report is sent, not made again.
			expect(retried).toMatchObject({ status: 'sent', reportId: failed!.reportId });
			expect(mailbox.received.map((m) => m.subject)).toEqual([
				'Maple Valley Public Library: Monthly board packet, Nov 1, 2026 – Nov 30, 2026'
			]);
			expect((await getSchedule(db, schedule.scheduleId))!).toMatchObject({
				lastStatus: 'sent',
				failures: 0,
				retryAt: null,
				lastError: null
			});

			// Lantern stopped from December 10 to March 10: three runs were missed, one report goes out at start.
			const caughtUp = await tick('2027-03-10T15:00:00Z');
			expect(caughtUp).toMatchObject([{ status: 'sent' }]);
			expect(await tick('2027-03-10T15:01:00Z')).toEqual([]);
			expect(mailbox.received.at(-1)!.subject).toBe(
				'Maple Valley Public Library: Monthly board packet, Feb 1, 2027 – Feb 28, 2027'
			);
		}
	);

	it('makes the same report as one HTML file that opens with no request of its own', { timeout: 120_000 }, async () => {
		const { report, bytes } = await generateReport({
			db,
			params: 'from=2026-01-01&to=2026-03-31&compare=previous',
			format: 'html',
			baseUrl: build.baseUrl,
			renderAs: 'local-admin',
			actor: 'cli:test',
			source: 'cli'
		});
		expect(report).toMatchObject({ status: 'ready', format: 'html', bytes: bytes.length });
		const html = bytes.toString('utf8');
		expect(html.startsWith('<!doctype html>')).toBe(true);
		expect(html).not.toMatch(/<script|<link[^>]+stylesheet|src="\/|href="\/_app/);
		expect(html).toContain('Jan 1, 2026 – Mar 31, 2026');
		// Opened offline in a browser: every request it would make is counted (and refused).
		const requests: string[] = [];
		const text = await withReportPage(async (page) => {
			await page.route('**/*', (route) => {
				requests.push(route.request().url());
				return route.abort();
			});
			await page.setContent(html, { waitUntil: 'load' });
			return page.locator('body').innerText();
		});
		expect(requests).toEqual([]);
		expect(text).toContain('Maple Valley Public Library');
		expect(text).toContain('Weekly engagement');
	});

	it('gives up after the last retry and says why, until the next run', async () => {
		const template = (await templateNamed(db, 'Summer reading wrap-up'))!;
		const owner = await createUser(db, {
			email: 'gone@maplevalley.example',
			name: 'Gone',
			role: 'director',
			branches: null
		});
		const schedule = await saveSchedule(
			db,
			{
				templateId: template.templateId,
				cadence: 'weekly',
				dayOfMonth: 1,
				weekday: 1,
				hour: 8,
				recipients: ['x@example.org'],
				enabled: true
			},
			{ userId: owner.userId, actor: 'user:gone@maplevalley.example' },
			new Date('2026-09-01T00:00:00Z')
		);
		await updateUser(db, owner.userId, { disabled: true });
		let now = Date.parse('2026-09-07T13:00:00Z');
		const statuses: string[] = [];
		for (let attempt = 0; attempt < 6; attempt += 1) {
			const outcomes = await runDueSchedules(db, new Date(now), { baseUrl: () => build.baseUrl });
			statuses.push(...outcomes.filter((o) => o.scheduleId === schedule.scheduleId).map((o) => o.status));
			const current = (await getSchedule(db, schedule.scheduleId))!;
			now = current.retryAt ? Date.parse(current.retryAt) : now;
		}
		expect(statuses).toEqual(['retrying', 'retrying', 'retrying', 'retrying', 'retrying', 'failed']);
		const given = (await getSchedule(db, schedule.scheduleId))!;
		expect(given.lastStatus).toBe('failed');
		expect(given.lastError).toContain(
			'Gave up after 6 tries: user:gone@maplevalley.example, who set up this schedule, can no longer make reports'
		);
	});
});
