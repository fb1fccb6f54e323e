import { describe, expect, it } from 'vitest';
import { decodeEntities } from './html-entities';

describe('decodeEntities', () => {
	it('decodes the named entities and numeric ones, decimal and hex', () => {
		expect(decodeEntities('Parks &amp; Rec &lt;3 &quot;hi&quot; it&#39;s &apos;ok&apos; caf&#xE9; &#x2019;')).toBe(
			`Parks & Rec <3 "hi" it's 'ok' café ’`
		);
	});

	it('decodes once, so an escaped entity stays an entity', () => {
		expect(decodeEntities('&amp;lt; &amp;amp;')).toBe('&lt; &amp;');
	});

	it('leaves what is not an entity, and a code point beyond Unicode, as written', () => {
		expect(decodeEntities('AT&T & co; &nbsp; &#99999999;')).toBe('AT&T & co; &nbsp; &#99999999;');
	});
});
