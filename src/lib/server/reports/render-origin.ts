import { dev } from '$app/environment';

/**
 * Where Chromium loads the print route from: the loopback listener `npm start` opens for this
 * purpose (LANTERN_RENDER_ORIGIN), never the request's Host or Origin, so a client cannot send the
 * renderer elsewhere and an https site behind a proxy still renders over plain loopback http.
 */
export function renderOrigin(requestOrigin: string): string {
	if (process.env.LANTERN_RENDER_ORIGIN) return process.env.LANTERN_RENDER_ORIGIN;
	// `vite dev` has no loopback listener of its own; the developer's own request is the way in.
	if (dev) return requestOrigin;
	return `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}

/** The same, for work no request started (the report scheduler): `vite dev` serves on its own port. */
export function schedulerRenderOrigin(): string {
	return renderOrigin(`http://127.0.0.1:${process.env.PORT ?? 5173}`);
}
