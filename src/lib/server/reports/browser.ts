import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumEnvironment, ensureChromium } from './chromium.js';

/** Two renders at once on a 2-core server; more wait their turn, and past this many waiting, refuse. */
const CONCURRENT_RENDERS = 2;
const MAX_WAITING = 8;
/** An idle browser is closed after this long, so a server that rarely prints keeps no Chromium in memory. */
const IDLE_CLOSE_MS = 5 * 60_000;

export class RenderQueueFullError extends Error {
	constructor() {
		super(`Lantern is already making ${CONCURRENT_RENDERS + MAX_WAITING} reports. Try again in a minute.`);
	}
}

let browser: Promise<Browser> | null = null;
let running = 0;
const waiting: Array<() => void> = [];
let idleTimer: ReturnType<typeof setTimeout> | null = null;

/** One Chromium per process, started on first use and started again if it crashed or was closed. */
function sharedBrowser(): Promise<Browser> {
	browser ??= ensureChromium()
		.then((executablePath) => chromium.launch({ executablePath, args: CHROMIUM_ARGS, env: chromiumEnvironment(executablePath), headless: true }))
		.then((launched) => {
			launched.on('disconnected', () => {
				browser = null;
			});
			return launched;
		})
		.catch((error: unknown) => {
			browser = null;
			throw error;
		});
	return browser;
}

async function takeTurn(): Promise<void> {
	if (running < CONCURRENT_RENDERS) {
		running += 1;
		return;
	}
	if (waiting.length >= MAX_WAITING) throw new RenderQueueFullError();
	// The finishing render hands its slot over directly, so `running` never drops in between.
	await new Promise<void>((resolve) => waiting.push(resolve));
}

function endTurn(): void {
	const next = waiting.shift();
	if (next) return next();
	running -= 1;
	if (running === 0) {
		if (idleTimer) clearTimeout(idleTimer);
		idleTimer = setTimeout(() => void closeReportBrowser(), IDLE_CLOSE_MS);
		idleTimer.unref();
	}
}

/** Runs `work` on a fresh page (its own context: no cookies or cache shared between reports) of the shared browser. */
export async function withReportPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
	await takeTurn();
	if (idleTimer) clearTimeout(idleTimer);
	try {
		const context = await (await sharedBrowser()).newContext();
		try {
			return await work(await context.newPage());
		} finally {
			await context.close().catch(() => undefined);
		}
	} finally {
		endTurn();
	}
}

/** Closes the shared browser (the command line does this before it exits). */
export async function closeReportBrowser(): Promise<void> {
	const open = browser;
	browser = null;
	if (open) await (await open.catch(() => null))?.close();
}
