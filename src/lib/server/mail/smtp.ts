import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Database } from '../db/database';
import { Email } from '../auth/users';
import { seal, unseal } from './secret-box';

/** How the connection is protected: TLS from the start (465), STARTTLS required (587), or none (a relay on this machine). */
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];
export const SMTP_SECURITY_LABELS: Record<SmtpSecurity, string> = {
	tls: 'TLS (usually port 465)',
	starttls: 'STARTTLS (usually port 587)',
	none: 'None (only for a mail relay on this machine or network)'
};

export interface SmtpSettings {
	host: string;
	port: number;
	security: SmtpSecurity;
	user: string;
	/** whether a password is stored; the password itself never leaves the server */
	hasPassword: boolean;
	from: string;
}

/** What the Settings page's mail form sends; an empty password keeps the stored one. */
export const SmtpForm = z.object({
	host: z.string().trim().max(255),
	port: z.coerce.number().int().min(1, 'must be 1 to 65535').max(65535, 'must be 1 to 65535'),
	security: z.enum(SMTP_SECURITY),
	user: z.string().trim().max(255).default(''),
	password: z.string().max(1000).default(''),
	clearPassword: z.preprocess((v) => v === 'on' || v === true, z.boolean()).default(false),
	from: z.union([z.literal(''), Email]).default('')
});
export type SmtpForm = z.infer<typeof SmtpForm>;

const KEYS = ['smtpHost', 'smtpPort', 'smtpSecurity', 'smtpUser', 'smtpPassword', 'smtpFrom'] as const;

async function stored(db: Database): Promise<Record<string, string>> {
	const rows = await db.query<{ key: string; value: string }>(
		`SELECT key, value FROM settings WHERE key IN (${KEYS.map((_, i) => `$${i + 1}`).join(', ')})`,
		[...KEYS]
	);
	return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

export async function getSmtpSettings(db: Database): Promise<SmtpSettings> {
	const values = await stored(db);
	return {
		host: values.smtpHost ?? '',
		port: Number(values.smtpPort ?? 587),
		security: (SMTP_SECURITY as readonly string[]).includes(values.smtpSecurity ?? '')
			? (values.smtpSecurity as SmtpSecurity)
			: 'starttls',
		user: values.smtpUser ?? '',
		hasPassword: !!values.smtpPassword,
		from: values.smtpFrom ?? ''
	};
}

/** What the Settings page's e-mail section shows: the settings (no password) and the security choices. */
export async function mailSettingsView(db: Database) {
	return {
		settings: await getSmtpSettings(db),
		security: SMTP_SECURITY.map((id) => ({ id, label: SMTP_SECURITY_LABELS[id] }))
	};
}

export async function saveSmtpSettings(db: Database, form: SmtpForm): Promise<SmtpSettings> {
	const changes: Record<string, string | null> = {
		smtpHost: form.host,
		smtpPort: String(form.port),
		smtpSecurity: form.security,
		smtpUser: form.user,
		smtpFrom: form.from
	};
	if (form.clearPassword) changes.smtpPassword = null;
	else if (form.password) changes.smtpPassword = seal(db, form.password);
	await db.withConnection(async (connection) => {
		for (const [key, value] of Object.entries(changes)) {
			if (value === null) await connection.run('DELETE FROM settings WHERE key = $1', [key]);
			else await connection.run('INSERT OR REPLACE INTO settings (key, value) VALUES ($1, $2)', [key, value]);
		}
	});
	return getSmtpSettings(db);
}

export class MailNotSetUpError extends Error {
	constructor() {
		super('E-mail is not set up: an admin enters the SMTP server and the From address under Settings → E-mail.');
	}
}

export interface OutgoingMail {
	to: string[];
	subject: string;
	text: string;
	attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** Sends one message through the SMTP server in Settings; throws with the server's answer when it fails. */
export async function sendMail(db: Database, mail: OutgoingMail): Promise<{ messageId: string; response: string }> {
	const settings = await getSmtpSettings(db);
	if (!settings.host || !settings.from) throw new MailNotSetUpError();
	const values = await stored(db);
	const password = values.smtpPassword ? unseal(db, values.smtpPassword) : null;
	if (values.smtpPassword && password === null)
		throw new Error(
			'The stored SMTP password cannot be read (the key file beside the database changed). Enter it again under Settings → E-mail.'
		);
	const transport = nodemailer.createTransport({
		host: settings.host,
		port: settings.port,
		secure: settings.security === 'tls',
		requireTLS: settings.security === 'starttls',
		ignoreTLS: settings.security === 'none',
		auth: settings.user ? { user: settings.user, pass: password ?? '' } : undefined,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 60_000
	});
	try {
		const info = await transport.sendMail({
			from: settings.from,
			to: mail.to,
			subject: mail.subject,
			text: mail.text,
			attachments: mail.attachments
		});
		return { messageId: info.messageId, response: info.response };
	} catch (cause) {
		throw new Error(describeSmtpError(settings, cause), { cause });
	} finally {
		transport.close();
	}
}

/** An SMTP failure in words a librarian can pass to IT: which server, and what went wrong. */
export function describeSmtpError(settings: Pick<SmtpSettings, 'host' | 'port'>, cause: unknown): string {
	const error = cause as { code?: string; responseCode?: number; response?: string; message?: string };
	const where = `${settings.host}:${settings.port}`;
	// Nodemailer reports a refused socket as ESOCKET with Node's "connect ECONNREFUSED …" message.
	const socket = `${error.code ?? ''} ${error.message ?? ''}`;
	if (/ECONNREFUSED/.test(socket))
		return `The mail server ${where} refused the connection (is it running, and is the port right?).`;
	if (/ETIMEDOUT|ETIMEOUT/.test(socket)) return `The mail server ${where} did not answer in time.`;
	if (/EDNS|ENOTFOUND|EAI_AGAIN/.test(socket)) return `No mail server is known by the name ${settings.host}.`;
	if (error.code === 'EAUTH')
		return `The mail server ${where} refused the user name or password: ${error.response ?? error.message}.`;
	if (error.responseCode) return `The mail server ${where} refused the message: ${error.response ?? error.message}.`;
	return `Sending through ${where} failed: ${error.message ?? String(cause)}.`;
}

/** Recipients written one per line or separated by commas or semicolons, each checked. */
export const Recipients = z
	.string()
	.transform((text) => text.split(/[\s,;]+/).filter(Boolean))
	.pipe(z.array(Email).min(1, 'name at least one recipient').max(50, 'at most 50 recipients'));
