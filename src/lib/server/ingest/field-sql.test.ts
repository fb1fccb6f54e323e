import { describe, expect, it } from 'vitest';
import { humanFormat, inForm } from './field-sql';
import { SOURCES } from './sources';

describe('date formats in the words people read', () => {
	it('writes each strftime code as people write dates', () => {
		expect(humanFormat('%m/%d/%y')).toBe('MM/DD/YY');
		expect(humanFormat('%B %Y')).toBe('Month YYYY');
		expect(humanFormat('%b %d, %Y')).toBe('Mon DD, YYYY');
		expect(humanFormat('%m/%d/%Y %I:%M %p')).toBe('MM/DD/YYYY hh:mm AM/PM');
		expect(inForm(['%m/%d/%Y', '%Y-%m-%d', '%B %Y'])).toBe('MM/DD/YYYY, YYYY-MM-DD or Month YYYY');
		expect(inForm(['%Y-%m-%d', '%m/%d/%Y'])).toBe('YYYY-MM-DD or MM/DD/YYYY');
	});

	it('leaves no code unexplained in any format Lantern reads', () => {
		const formats = SOURCES.flatMap((source) =>
			Object.values(source.fields).flatMap((field) =>
				field.type.kind === 'date' || field.type.kind === 'timestamp' ? field.type.formats : []
			)
		);
		expect(formats.length).toBeGreaterThan(20);
		// What is left after the words is punctuation, and the T of an ISO date and time.
		const words = /YYYY|YY|MM|DD|HH|hh|mm|ss|\+0000|AM\/PM|Month|Mon|Day/g;
		const unexplained = formats.filter(
			(format) => !/^[^A-Za-z%]*(T[^A-Za-z%]*)?$/.test(humanFormat(format).replace(words, ''))
		);
		expect(unexplained).toEqual([]);
	});
});
