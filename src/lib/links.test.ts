import { describe, expect, it } from 'vitest';
import { safeExternalUrl } from './links';

describe('links from uploaded files', () => {
	it('keeps http and https links', () => {
		expect(safeExternalUrl('https://x.com/MapleValleyPL/status/1465712230054432768')).toBe(
			'https://x.com/MapleValleyPL/status/1465712230054432768'
		);
		expect(safeExternalUrl(' http://example.org/a?b=c ')).toBe('http://example.org/a?b=c');
	});

	it('drops script, data and other schemes, however they are written', () => {
		for (const url of [
			'javascript:alert(document.cookie)',
			' JavaScript:alert(1)',
			'java\tscript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:x',
			'file:///etc/passwd',
			'//evil.example/x',
			'not a url',
			''
		]) {
			expect(safeExternalUrl(url)).toBeNull();
		}
	});
});
