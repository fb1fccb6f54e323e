import { describe, expect, it } from 'vitest';
import { describePostSighting, readXid } from './xid';

describe('X ID tools', () => {
	it('decodes Snowflake IDs to the millisecond (the worked values in docs/export-formats.md, "X (Twitter)")', () => {
		expect(readXid('649293177409679360')).toMatchObject({ kind: 'post', postedAt: '2015-09-30T18:42:11.435Z' });
		expect(readXid('1997370581860180189')).toMatchObject({ kind: 'post', postedAt: '2025-12-06T18:20:30.723Z' });
		expect(readXid('2044919377544261979')).toMatchObject({
			kind: 'post',
			postedAt: new Date(1776381747028).toISOString()
		});
	});

	it('reads post URLs on both domains and keeps the handle they carry', () => {
		expect(readXid('https://twitter.com/rOpenSci/status/1465712230054432768')).toMatchObject({
			kind: 'post',
			id: '1465712230054432768',
			username: 'rOpenSci'
		});
		expect(readXid('x.com/Wormhole_BR/status/1891564128784855141?s=20')).toMatchObject({
			kind: 'post',
			username: 'Wormhole_BR'
		});
	});

	it('says plainly when an ID predates Snowflakes or is not an ID at all', () => {
		expect(readXid('20')).toMatchObject({ kind: 'pre-snowflake', id: '20' });
		expect(readXid('@MapleValleyPL')).toEqual({ input: '@MapleValleyPL', kind: 'username', username: 'MapleValleyPL' });
		expect(readXid('6.49E+17')).toMatchObject({ kind: 'invalid' });
		expect(readXid('99999999999999999999')).toMatchObject({ kind: 'invalid', note: 'is larger than any X ID' });
	});

	it('says in words where an uploaded post holds an ID or handle', () => {
		const post = { platform: 'mastodon', postId: '111300000000000001', account: 'maplevalleypl', publishedAt: null };
		expect(describePostSighting({ ...post, match: 'link in text' }, 'Mastodon')).toBe(
			'Linked in Mastodon post 111300000000000001 by @maplevalleypl'
		);
		expect(describePostSighting({ ...post, match: 'author' }, 'Mastodon')).toBe(
			'Wrote Mastodon post 111300000000000001'
		);
	});
});
