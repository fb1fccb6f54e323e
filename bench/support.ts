import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Times `run` after warming up: the median, 95th percentile and slowest of `repetitions` runs, in ms. */
export function timeRuns(
	run: () => unknown,
	warmUp: number,
	repetitions: number
): { median: number; p95: number; max: number } {
	for (let i = 0; i < warmUp; i++) run();
	const times: number[] = [];
	for (let i = 0; i < repetitions; i++) {
		const started = performance.now();
		run();
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	const quantile = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
	return { median: quantile(0.5), p95: quantile(0.95), max: times[times.length - 1]! };
}

/**
 * This process's peak resident memory in MB: the kernel's high-water mark (VmHWM) where there is
 * one, since a sampling timer misses peaks inside long synchronous work.
 */
export function peakRssMb(): number {
	try {
		const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
		if (match) return Number(match[1]) / 1024;
	} catch {
		// Not Linux: fall back to the current figure.
	}
	return process.memoryUsage().rss / 1024 / 1024;
}

export const median = (xs: readonly number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The machine's 1, 5 and 15 minute load averages, as `uptime` shows them. */
export const loadAverage = (): string =>
	loadavg()
		.map((load) => load.toFixed(2))
		.join(', ');

/**
 * Runs `script` with `args` in a child process (so its memory peak is its own) and returns the
 * JSON it printed last.
 */
export function runChild<T>(
	script: string,
	args: readonly string[],
	env: NodeJS.ProcessEnv = {},
	timeoutMs?: number
): T {
	const out = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
		encoding: 'utf8',
		env: { ...process.env, TZ: 'UTC', ...env },
		maxBuffer: 64 * 1024 * 1024,
		timeout: timeoutMs,
		killSignal: 'SIGKILL'
	});
	if (out.signal) throw new Error(`${args.join(' ')}: stopped after ${(timeoutMs ?? 0) / 1000} s`);
	if (out.status !== 0) throw new Error(`${script} ${args.join(' ')} failed:\n${out.stderr}`);
	return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as T;
}

/** A plain-text table: a header row, then rows, columns padded to their widest cell. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
	const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
	const line = (cells: readonly string[]) =>
		`| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
	console.log(line(header));
	console.log(
		`|${widths.map((width, i) => (i === 0 ? ` ${'-'.repeat(width)} ` : ` ${'-'.repeat(width - 1)}: `)).join('|')}|`
	);
	for (const row of rows) console.log(line(row));
}
