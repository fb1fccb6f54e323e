import { z } from 'zod';

/**
 * Removing is asked twice: a row's Remove button (a GET) opens the question, and only the question's
 * own button sends `confirmed=yes`. Uploads and Reports parse and refuse such a form alike.
 */
const Confirmed = z.literal('yes', { message: 'Confirm the removal with its own button first' });

export const UNCONFIRMED_REMOVAL = 'Nothing was removed: confirm the removal with its own button first.';

export type RemovalForm<T extends z.ZodRawShape> =
	{ ok: true; data: z.infer<z.ZodObject<T>> } | { ok: false; message: string };

/** A removal form's fields (an id) and its confirmation; `what` names the thing in the refusal: "an import". */
export function parseRemovalForm<T extends z.ZodRawShape>(fields: T, form: FormData, what: string): RemovalForm<T> {
	if (!Confirmed.safeParse(form.get('confirmed')).success) return { ok: false, message: UNCONFIRMED_REMOVAL };
	const parsed = z.object(fields).safeParse(Object.fromEntries(form));
	return parsed.success ? { ok: true, data: parsed.data } : { ok: false, message: `Choose ${what} to remove.` };
}
