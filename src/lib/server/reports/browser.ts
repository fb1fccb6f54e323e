import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumEnvironment, ensureChromium } from './chromium.js';

/** Two renders at once on a 2-core server; more wait their turn, and past this many waiting, refuse. */
const CONCURRENT_RENDERS = 2;
const MAX_WAITING = 8;
/** An idle browser is closed after this long, so a server that rarely prints keeps no Chromium in memory. */
const IDLE_CLOSE_MS = 5 * 60_000;

/** One person may have this many reports being made at once; the next waits for one to finish. */
const PER_OWNER = 2;

export class RenderQueueFullError extends Error {
	constructor(mine = false) {
		super(
			mine
				? `You already have ${PER_OWNER} reports being made. Wait for them to finish, then try again.`
				: `Lantern is already making ${CONCURRENT_RENDERS + MAX_WAITING} reports. Try again in a minute.`
		);
	}
}

const byOwner = new Map<string, number>();

let browser: Promise<Browser> | null = null;
let running = 0;
const waiting: Array<() => void> = [];
let idleTimer: ReturnType<typeof setTimeout> | null = null;

/** One Chromium per process, started on first use and started again if it crashed or was closed. */
function sharedBrowser(): Promise<Browser> {
	browser ??= ensureChromium()
		.then((executablePath) =>
			chromium.launch({ executablePath, args: CHROMIUM_ARGS, env: chromiumEnvironment(executablePath), headless: true })
		)
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

/**
 * Runs `work` on a fresh page (its own context: no cookies or cache shared between reports) of the
 * shared browser, in turn, at most PER_OWNER at a time for one `owner` (a person, or the command line).
 */
export async function withReportPage<T>(work: (page: Page) => Promise<T>, owner = 'anyone'): Promise<T> {
	const mine = byOwner.get(owner) ?? 0;
	if (mine >= PER_OWNER) throw new RenderQueueFullError(true);
	byOwner.set(owner, mine + 1);
	try {
		return await inTurn(work);
	} finally {
		const left = (byOwner.get(owner) ?? 1) - 1;
		if (left > 0) byOwner.set(owner, left);
		else byOwner.delete(owner);
	}
}

async function inTurn<T>(work: (page: Page) => Promise<T>): Promise<T> {
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
