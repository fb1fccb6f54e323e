import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database';

/** A logo is a mark on a cover, not a photograph: half a megabyte is ample for a PNG at print size. */
export const LOGO_LIMIT_BYTES = 512 * 1024;

const TYPES = {
	png: 'image/png',
	jpg: 'image/jpeg',
	svg: 'image/svg+xml'
} as const;
export type LogoType = keyof typeof TYPES;

export class LogoRefusedError extends Error {}

/** Where the logo is kept: a folder beside the database, as the reports are, never inside it. */
export function brandingFolder(db: Pick<Database, 'path'>): string {
	return join(db.path, '..', 'lantern-branding');
}

/**
 * Anything an SVG could use to run code or reach outside itself: scripts, event handlers, embedded
 * HTML, entities (the "billion laughs"), and links to anything but its own fragments or inline images.
 */
const SVG_DANGERS: [RegExp, string][] = [
	[/<script/i, 'a script'],
	[/\son[a-z]+\s*=/i, 'an event handler (an on… attribute)'],
	[/<foreignObject/i, 'embedded HTML (foreignObject)'],
	[/<!(ENTITY|DOCTYPE)/i, 'a DOCTYPE or entity declaration'],
	[/javascript:/i, 'a javascript: link'],
	[/(?:href|src)\s*=\s*["'](?!#|data:image\/(?:png|jpeg);)/i, 'a link to another file or address'],
	[/@import|url\(\s*["']?(?!#|data:image\/(?:png|jpeg);)/i, 'a style that loads another file']
];

/** The file's kind from its first bytes (its "magic"), not from its name. */
export function logoType(bytes: Uint8Array): LogoType | null {
	const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
	if (starts(0xff, 0xd8, 0xff)) return 'jpg';
	const head = Buffer.from(bytes.subarray(0, 1024))
		.toString('utf8')
		.replace(/^\uFEFF/, '');
	// An SVG opens with its root element, perhaps after an XML declaration and comments.
	if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return 'svg';
	return null;
}

/**
 * Checks a logo file and says, in a sentence, why one is refused: too large, not a PNG, JPEG or SVG
 * by its content, or an SVG that carries code or links. Returns its type when it is accepted.
 */
export function checkLogo(bytes: Uint8Array, fileName = 'the file'): LogoType {
	if (bytes.length === 0) throw new LogoRefusedError(`${fileName} is empty. Choose a PNG, JPEG or SVG logo.`);
	if (bytes.length > LOGO_LIMIT_BYTES)
		throw new LogoRefusedError(
			`${fileName} is ${Math.ceil(bytes.length / 1024)} KB; a logo may be at most ${LOGO_LIMIT_BYTES / 1024} KB. Save it smaller (a PNG about 600 pixels wide is plenty for print).`
		);
	const type = logoType(bytes);
	if (!type)
		throw new LogoRefusedError(
			`${fileName} is not a PNG, JPEG or SVG image (its content says otherwise, whatever its name). Export the logo as PNG, JPEG or SVG.`
		);
	if (type === 'svg') {
		const text = Buffer.from(bytes).toString('utf8');
		for (const [pattern, what] of SVG_DANGERS)
			if (pattern.test(text))
				throw new LogoRefusedError(
					`${fileName} is an SVG that contains ${what}, which Lantern does not accept in a logo. Export it again as a plain SVG, or as a PNG.`
				);
	}
	return type;
}

function logoPath(db: Pick<Database, 'path'>): { path: string; type: LogoType } | null {
	for (const type of Object.keys(TYPES) as LogoType[]) {
		const path = join(brandingFolder(db), `logo.${type}`);
		if (existsSync(path)) return { path, type };
	}
	return null;
}

/** Keeps the logo (replacing any other), written whole or not at all. */
export function saveLogo(db: Pick<Database, 'path'>, bytes: Uint8Array, fileName?: string): LogoType {
	const type = checkLogo(bytes, fileName);
	const folder = brandingFolder(db);
	mkdirSync(folder, { recursive: true });
	const temporary = join(folder, `.logo-${process.pid}-${Date.now()}`);
	writeFileSync(temporary, bytes);
	removeLogo(db);
	renameSync(temporary, join(folder, `logo.${type}`));
	return type;
}

export function removeLogo(db: Pick<Database, 'path'>): void {
	for (const type of Object.keys(TYPES)) rmSync(join(brandingFolder(db), `logo.${type}`), { force: true });
}

/**
 * The logo as a data: URL for an <img> (an SVG shown as an image runs no script even if one slipped
 * through), checked again as it is read, since the folder is on disk for anyone with access to it.
 */
export function logoDataUrl(db: Pick<Database, 'path'>): string | null {
	const found = logoPath(db);
	if (!found) return null;
	const bytes = readFileSync(found.path);
	try {
		if (checkLogo(bytes) !== found.type) return null;
	} catch {
		return null;
	}
	return `data:${TYPES[found.type]};base64,${bytes.toString('base64')}`;
}
