import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRemovalForm, UNCONFIRMED_REMOVAL } from './removal-form';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
};
const Id = { id: z.coerce.number().int().positive() };

describe('a removal form', () => {
	it('removes only with the confirmation its question sends', () => {
		expect(parseRemovalForm(Id, form({ id: '7', confirmed: 'yes' }), 'a report')).toEqual({
			ok: true,
			data: { id: 7 }
		});
		expect(parseRemovalForm(Id, form({ id: '7' }), 'a report')).toEqual({ ok: false, message: UNCONFIRMED_REMOVAL });
		expect(parseRemovalForm(Id, form({ id: '7', confirmed: 'on' }), 'a report')).toEqual({
			ok: false,
			message: UNCONFIRMED_REMOVAL
		});
		expect(parseRemovalForm({}, form({ confirmed: 'yes' }), 'the demo')).toEqual({ ok: true, data: {} });
	});

	it('says what to choose when the thing to remove is missing, and the confirmation first when both are', () => {
		expect(parseRemovalForm(Id, form({ confirmed: 'yes' }), 'an import')).toEqual({
			ok: false,
			message: 'Choose an import to remove.'
		});
		expect(parseRemovalForm(Id, form({}), 'an import')).toEqual({ ok: false, message: UNCONFIRMED_REMOVAL });
	});
});
