import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { heldUpload, holdUpload, KEEP_MS, releaseUpload, sweepUploads } from './held-uploads';
import { uploadDirectory } from './upload';

const HOUR_AND_A_MINUTE_AGO = () => new Date(Date.now() - KEEP_MS - 60_000);

/** A raw upload as saveUpload leaves it, as though the server was killed before its `finally` ran. */
function orphanUpload(): string {
	mkdirSync(uploadDirectory(), { recursive: true });
	const path = join(uploadDirectory(), `${randomUUID()}.upload`);
	writeFileSync(path, 'name,phone\nJane Doe,555-0100\n');
	return path;
}

describe('held and left-over uploads expire', () => {
	it('forgets a held upload after an hour, even before the sweep removes it', async () => {
		const token = await holdUpload(orphanUpload(), 'patrons.csv');
		expect(await heldUpload(token)).not.toBeNull();
		expect(await heldUpload(token, Date.now() + KEEP_MS + 60_000)).toBeNull();
		await releaseUpload(token);
	});

	it('removes held uploads past their hour and raw uploads a crash left, keeping fresh ones', async () => {
		const stale = await holdUpload(orphanUpload(), 'old.csv');
		const fresh = await holdUpload(orphanUpload(), 'new.csv');
		const staleHeld = (await heldUpload(stale))!.path;
		utimesSync(join(staleHeld, '..'), HOUR_AND_A_MINUTE_AGO(), HOUR_AND_A_MINUTE_AGO());
		const crashed = orphanUpload();
		utimesSync(crashed, HOUR_AND_A_MINUTE_AGO(), HOUR_AND_A_MINUTE_AGO());
		const receiving = orphanUpload();

		expect(await sweepUploads()).toBeGreaterThanOrEqual(2);
		expect(existsSync(staleHeld)).toBe(false);
		expect(existsSync(crashed)).toBe(false);
		expect(await heldUpload(fresh)).not.toBeNull();
		expect(existsSync(receiving)).toBe(true);
		await releaseUpload(fresh);
		rmSync(receiving);
	});

	it("removes at once a raw upload whose receiving server is gone, and never a live server's", async () => {
		// A process that has exited: its id names the upload a SIGKILLed server left minutes ago.
		const gone = spawnSync(process.execPath, ['-e', '0']).pid;
		mkdirSync(uploadDirectory(), { recursive: true });
		const crashed = join(uploadDirectory(), `${gone}-${randomUUID()}.upload`);
		const anotherServer = join(uploadDirectory(), `${process.ppid}-${randomUUID()}.upload`);
		const ours = join(uploadDirectory(), `${process.pid}-${randomUUID()}.upload`);
		// A name without a process number whose UUID happens to begin with eight digits is not taken
		// for one: it is a fresh upload of an older server, kept for its hour.
		const bareUuid = join(uploadDirectory(), `12581105-c9be-4af0-aaf1-${randomUUID().slice(-12)}.upload`);
		for (const path of [crashed, anotherServer, ours, bareUuid]) writeFileSync(path, 'name,phone\nJane Doe,555-0100\n');

		await sweepUploads();
		expect(existsSync(crashed)).toBe(false);
		expect(existsSync(anotherServer)).toBe(true);
		expect(existsSync(ours)).toBe(true);
		expect(existsSync(bareUuid)).toBe(true);
		rmSync(anotherServer);
		rmSync(ours);
		rmSync(bareUuid);
	});
});
