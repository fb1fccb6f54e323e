import { z } from 'zod';
import { dayNumber } from '../calendar';

/** A calendar date written YYYY-MM-DD that exists: 2026-02-30 is refused, not rolled into March. */
export const IsoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD', abort: true })
	.refine((date) => dayNumber(date) !== null, 'is not a real date');
