/**
 * Deterministic mutations of export files, for the refusal fuzzer and the soak: each takes the
 * file's bytes and a seeded random source and returns damaged bytes, the kinds of damage a file
 * gets from a spreadsheet, a cut download or a hand edit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

export interface SeedFile {
	name: string;
	bytes: Buffer;
}

export interface Mutant {
	name: string;
	bytes: Buffer;
	mutation: string;
}

type Mutation = (text: string, random: () => number) => string;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const lineIndex = (lines: string[], random: () => number, from = 1) =>
	Math.min(lines.length - 1, from + Math.floor(random() * Math.max(1, lines.length - from)));

function onLines(change: (lines: string[], random: () => number) => void): Mutation {
	return (text, random) => {
		const lines = text.split('\n');
		change(lines, random);
		return lines.join('\n');
	};
}

/** Text mutations: each keeps the file recognisable (the header stays) unless it says otherwise. */
const TEXT_MUTATIONS: Record<string, Mutation> = {
	'extra cell': onLines((lines, random) => {
		const i = lineIndex(lines, random);
		lines[i] = `${lines[i]},extra`;
	}),
	'missing cell': onLines((lines, random) => {
		const i = lineIndex(lines, random);
		lines[i] = lines[i]!.replace(/,[^,]*$/, '');
	}),
	'stray quote': onLines((lines, random) => {
		const i = lineIndex(lines, random);
		const at = Math.floor(random() * (lines[i]!.length + 1));
		lines[i] = `${lines[i]!.slice(0, at)}"${lines[i]!.slice(at)}`;
	}),
	'cell made text': onLines((lines, random) => {
		const i = lineIndex(lines, random);
		const cells = lines[i]!.split(',');
		cells[Math.floor(random() * cells.length)] = pick(
			['n/a', 'Jane Smith 555-0100', '12abc', '2026-13-45', '-'],
			random
		);
		lines[i] = cells.join(',');
	}),
	'cell emptied': onLines((lines, random) => {
		const i = lineIndex(lines, random);
		const cells = lines[i]!.split(',');
		cells[Math.floor(random() * cells.length)] = '';
		lines[i] = cells.join(',');
	}),
	'NUL byte': (text, random) => {
		const at = Math.floor(random() * text.length);
		return `${text.slice(0, at)}\0${text.slice(at)}`;
	},
	'cut short': (text, random) => text.slice(0, Math.floor(text.length * (0.2 + 0.8 * random()))),
	'line repeated': onLines((lines, random) => {
		const i = lineIndex(lines, random);
		lines.splice(i, 0, lines[i]!);
	}),
	'lines swapped': onLines((lines, random) => {
		const a = lineIndex(lines, random);
		const b = lineIndex(lines, random);
		[lines[a], lines[b]] = [lines[b]!, lines[a]!];
	}),
	'header cell renamed': onLines((lines, random) => {
		const cells = lines[0]!.split(',');
		cells[Math.floor(random() * cells.length)] = 'Renamed';
		lines[0] = cells.join(',');
	}),
	semicolons: (text) => text.replaceAll(',', ';'),
	'long cell': onLines((lines, random) => {
		const i = lineIndex(lines, random);
		lines[i] = `${lines[i]},${'x'.repeat(100_000 + Math.floor(random() * 100_000))}`;
	}),
	'blank lines': onLines((lines, random) => {
		lines.splice(lineIndex(lines, random), 0, '', ',,,');
	}),
	'tab separated': (text) => text.replaceAll(',', '\t')
};

/** Byte mutations, for any file (workbooks, archives, CSV). */
const BYTE_MUTATIONS: Record<string, (bytes: Buffer, random: () => number) => Buffer> = {
	'bytes flipped': (bytes, random) => {
		const out = Buffer.from(bytes);
		for (let n = 0; n < 1 + Math.floor(random() * 8); n += 1) {
			out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
		}
		return out;
	},
	'bytes cut': (bytes, random) => bytes.subarray(0, Math.floor(bytes.length * random())),
	'invalid UTF-8': (bytes, random) => {
		const at = Math.floor(random() * bytes.length);
		return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), bytes.subarray(at)]);
	}
};

const isText = (file: SeedFile) =>
	/\.(csv|tsv|txt)$/i.test(file.name) && !file.bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]));

/** The `index`th mutant of the seed files: the same seed and index give the same bytes. */
export function mutant(files: readonly SeedFile[], seed: number, index: number): Mutant {
	const random = seededRandom(seed * 100_003 + index);
	const file = pick(files, random);
	if (isText(file) && random() < 0.8) {
		const [mutation, change] = pick(Object.entries(TEXT_MUTATIONS), random);
		return { name: file.name, mutation, bytes: Buffer.from(change(file.bytes.toString('utf8'), random)) };
	}
	const [mutation, change] = pick(Object.entries(BYTE_MUTATIONS), random);
	return { name: file.name, mutation, bytes: change(file.bytes, random) };
}

/** Every file under the folders (the real fixtures, the format fixtures), as seeds. */
export function seedFiles(folders: readonly string[], limitBytes = 1_000_000): SeedFile[] {
	const out: SeedFile[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir).sort()) {
			const path = join(dir, entry);
			const stat = statSync(path);
			if (stat.isDirectory()) walk(path);
			else if (stat.size <= limitBytes && !/\.md$/i.test(entry)) out.push({ name: entry, bytes: readFileSync(path) });
		}
	};
	for (const folder of folders) walk(folder);
	return out;
}

/** Small synthetic files in the row-by-row formats, so the soak has seeds without the real fixtures. */
export function syntheticFiles(): SeedFile[] {
	const usage = ['period_start,period,branch,metric,value'];
	for (let i = 0; i < 60; i += 1)
		usage.push(`2025-${String(1 + (i % 12)).padStart(2, '0')}-01,month,Branch ${i % 5},visits,${100 + i}`);
	const outcome = [
		'Response ID,Survey Topic,Date,Branch,What did you like most about the program?,What could the library do to help you learn more?'
	];
	for (let i = 0; i < 20; i += 1)
		outcome.push(
			`s${i},Digital Learning,2026-03-${String(1 + i).padStart(2, '0')},Central,Patient teacher,More evening sessions`
		);
	return [
		{ name: 'usage_synthetic.csv', bytes: Buffer.from(`${usage.join('\n')}\n`) },
		{ name: 'project_outcome_synthetic.csv', bytes: Buffer.from(`${outcome.join('\n')}\n`) }
	];
}
