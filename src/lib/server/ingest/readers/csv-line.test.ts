import { describe, expect, it } from 'vitest';
import { splitCsvLine } from './csv-line';

describe('splitCsvLine', () => {
	it('splits quoted and unquoted cells, with doubled quotes and commas inside quotes', () => {
		expect(splitCsvLine('"Post ID",Title,"Reactions, comments and shares","say ""hi"""')).toEqual([
			'Post ID',
			'Title',
			'Reactions, comments and shares',
			'say "hi"'
		]);
		expect(splitCsvLine('a,,c,')).toEqual(['a', '', 'c', '']);
		expect(splitCsvLine('sep=,')).toEqual(['sep=', '']);
	});
});
