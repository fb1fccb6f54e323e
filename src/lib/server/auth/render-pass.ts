import { timingSafeEqual } from 'node:crypto';
import { newToken } from './tokens';

/**
 * How the PDF renderer's Chromium is let in to the print route as the person who asked for the
 * report: a header with a per-process secret and whom to render as, honoured only on loopback.
 * The secret lives on globalThis because the command line's own code and the server build it
 * serves are separate copies of this module in one process.
 */
export const RENDER_HEADER = 'x-lantern-render';
const KEY = Symbol.for('lantern.render-secret');

function secret(): string {
	const store = globalThis as unknown as Record<symbol, string | undefined>;
	return (store[KEY] ??= newToken());
}

/** `user:<id>`, `local-admin` (the command line) or `demo` (anonymous in demo mode). */
export type RenderAs = `user:${number}` | 'local-admin' | 'demo';

export function renderPass(as: RenderAs): string {
	return `${secret()} ${as}`;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function readRenderPass(header: string | null, clientAddress: string): RenderAs | null {
	if (!header || !LOOPBACK.has(clientAddress)) return null;
	const [given, as] = header.split(' ');
	const expected = secret();
	if (!given || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
		return null;
	return as === 'local-admin' || as === 'demo' || /^user:\d+$/.test(as ?? '') ? (as as RenderAs) : null;
}
