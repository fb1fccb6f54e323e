import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brandingFolder, checkLogo, LOGO_LIMIT_BYTES, logoDataUrl, removeLogo, saveLogo } from './logo';
import { solidPng } from './test-logo';

const db = () => ({ path: join(mkdtempSync(join(tmpdir(), 'lantern-logo-')), 'lantern.duckdb') });
const svg = (body: string) =>
	Buffer.from(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`);

describe('the library logo', () => {
	it('is kept in a folder beside the database, one at a time, and read back as a data URL', () => {
		const here = db();
		expect(logoDataUrl(here)).toBeNull();
		expect(saveLogo(here, solidPng(), 'logo.png')).toBe('png');
		expect(brandingFolder(here)).toBe(join(here.path, '..', 'lantern-branding'));
		expect(logoDataUrl(here)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
		expect(saveLogo(here, svg('<rect width="10" height="10" fill="#1d3557"/>'), 'logo.svg')).toBe('svg');
		expect(readdirSync(brandingFolder(here))).toEqual(['logo.svg']);
		expect(logoDataUrl(here)).toMatch(/^data:image\/svg\+xml;base64,/);
		removeLogo(here);
		expect(logoDataUrl(here)).toBeNull();
	});

	it('knows a file by its content, not its name: a JPEG, and text named .png refused', () => {
		expect(checkLogo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'a.jpg')).toBe('jpg');
		expect(() => checkLogo(Buffer.from('GIF89a……'), '"logo.png"')).toThrow(
			'"logo.png" is not a PNG, JPEG or SVG image (its content says otherwise, whatever its name)'
		);
		expect(() => checkLogo(Buffer.from('<html><svg></svg></html>'), 'x')).toThrow('is not a PNG, JPEG or SVG');
	});

	it('refuses a file over the size limit, saying how large it is and what is allowed', () => {
		const big = Buffer.concat([solidPng(), Buffer.alloc(LOGO_LIMIT_BYTES)]);
		expect(() => saveLogo(db(), big, '"huge.png"')).toThrow(/"huge.png" is \d+ KB; a logo may be at most 512 KB/);
	});

	it.each([
		['<script>alert(1)</script>', 'a script'],
		['<rect onload="alert(1)" width="1" height="1"/>', 'an event handler'],
		['<foreignObject><div>hi</div></foreignObject>', 'embedded HTML'],
		['<image href="https://tracker.example/x.png"/>', 'a link to another file'],
		['<a xlink:href="javascript:alert(1)"><rect/></a>', 'javascript:'],
		['<style>@import url(https://x.example/a.css);</style>', 'a style that loads another file']
	])('refuses an SVG carrying code or links: %s', (body, what) => {
		const here = db();
		expect(() => saveLogo(here, svg(body), '"logo.svg"')).toThrow(what);
		expect(existsSync(brandingFolder(here)) && readdirSync(brandingFolder(here)).length).toBeFalsy();
	});

	it('is not shown if the file on disk was swapped for something it would refuse', () => {
		const here = db();
		saveLogo(here, solidPng(), 'logo.png');
		writeFileSync(join(brandingFolder(here), 'logo.png'), '<svg onload="alert(1)"></svg>');
		expect(logoDataUrl(here)).toBeNull();
	});
});
