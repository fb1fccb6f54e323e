/**
 * A consortium-sized library for the benchmarks: `scale` member libraries, each a demo library
 * drawn from its own seed, written as one export per platform (X, Facebook, Instagram), one LibCal
 * events file and one usage file, plus the demo's campaigns. Member 0 is the demo library itself, so
 * ×1 is exactly the demo; members 1, 2, … rename their branches ("Central" → "Ashford Central") and
 * move their three years one or two years (52 or 104 weeks, so weekdays stay) earlier, which spreads
 * a large consortium over five years. Deterministic: the same scale always gives the same bytes.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignsJson } from '../src/lib/demo/campaigns';
import { csvDocument, parseCsv } from '../src/lib/demo/csv';
import { DEFAULT_DEMO_SEED } from '../src/lib/demo/generate';
import { generateLibcal, LIBCAL_COLUMNS, LIBCAL_HEADER } from '../src/lib/demo/libcal';
import { FILE_NAMES } from '../src/lib/demo/library';
import { generateFacebookPosts, generateInstagramPosts } from '../src/lib/demo/meta-export';
import { planPosts, type PlannedPost } from '../src/lib/demo/posts';
import { createRandom } from '../src/lib/demo/random';
import { generateUsage, USAGE_HEADER } from '../src/lib/demo/usage';
import { generateXActivity } from '../src/lib/demo/x-export';

const DAY_MS = 86_400_000;
const YEAR_DAYS = 364;
const FIRST = ['Ash', 'Birch', 'Cedar', 'Elm', 'Fern', 'Hazel', 'Juniper', 'Laurel', 'Oak', 'Willow'];
const LAST = ['ford', 'brook', 'dale', 'field', 'haven', 'mont', 'ridge', 'ton', 'vale', 'wood'];

export interface ConsortiumFiles {
	directory: string;
	/** campaigns, then the three post exports, then LibCal, then usage: the order the bench imports them */
	files: { name: string; path: string; kind: 'campaigns' | 'posts' | 'programs' | 'usage' }[];
}

/** The member's town, which prefixes its branch names; member 0 (the demo) has none. */
function town(member: number): string {
	if (member === 0) return '';
	const index = member - 1;
	return `${FIRST[index % FIRST.length]}${LAST[Math.floor(index / FIRST.length) % LAST.length]}${index >= 100 ? ` ${Math.floor(index / 100) + 1}` : ''}`;
}

const BRANCH_WORD = /\b(Central|Eastside|Riverside)\b/g;

function renameBranches(text: string, member: number): string {
	const name = town(member);
	return name ? text.replace(BRANCH_WORD, `${name} $1`) : text;
}

/** The file's rows without its header line (headers are one line in every export here). */
function body(content: string): string {
	return content.slice(content.indexOf('\n') + 1);
}

function shiftIsoDate(date: string, days: number): string {
	return days === 0 || !/^\d{4}-\d{2}-\d{2}$/.test(date)
		? date
		: new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

interface Member {
	x: string;
	facebook: string;
	instagram: string;
	libcal: string[][];
	usage: string;
}

function member(index: number): Member {
	const random = createRandom(DEFAULT_DEMO_SEED + index);
	const years = index % 3;
	const shift = years * YEAR_DAYS;
	// The same named streams as generateDemoLibrary, so member 0 is the demo byte for byte.
	const posts: PlannedPost[] = planPosts(random.fork('posts')).map((post) => ({
		...post,
		day: post.day - shift,
		utcMs: post.utcMs - shift * DAY_MS,
		text: renameBranches(post.text, index)
	}));
	const x = generateXActivity(posts, random.fork('x')).content;
	const facebook = generateFacebookPosts(posts, random.fork('facebook')).content;
	const instagram = generateInstagramPosts(posts, random.fork('instagram')).content;
	const [, ...events] = parseCsv(generateLibcal(random.fork('programs')).content).map((row) =>
		row.map((cell) => cell.value)
	);
	const column = (name: (typeof LIBCAL_COLUMNS)[number]) => LIBCAL_COLUMNS.indexOf(name);
	const libcal = events.map((row) => {
		const out = row.map((cell) => renameBranches(cell, index));
		// Event IDs stay unique across members: each member counts from its own hundred million.
		const id = String(Number(row[column('Event ID')]) + index * 100_000_000);
		out[column('Event ID')] = id;
		out[column('Event URL')] = (out[column('Event URL')] ?? '').replace(/\d+$/, id);
		for (const date of ['Start Date', 'End Date'] as const) out[column(date)] = shiftIsoDate(row[column(date)]!, shift);
		return out;
	});
	const usage = body(generateUsage(random.fork('usage')).content)
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [start = '', period, branch = '', ...rest] = line.split(',');
			const moved = `${Number(start.slice(0, 4)) - years}${start.slice(4)}`;
			return [moved, period, renameBranches(branch, index), ...rest].join(',');
		})
		.join('\n');
	return { x, facebook, instagram, libcal, usage };
}

/**
 * Writes (once, then reuses) the consortium of `scale` members under the system's temp folder and
 * returns its files.
 */
export function consortiumFiles(scale: number): ConsortiumFiles {
	const directory = join(tmpdir(), 'lantern-bench-consortium-v1', `x${scale}`);
	const names = {
		campaigns: FILE_NAMES.campaigns,
		x: FILE_NAMES.x,
		facebook: FILE_NAMES.facebook,
		instagram: FILE_NAMES.instagram,
		libcal: FILE_NAMES.libcal,
		usage: FILE_NAMES.usage
	};
	const files: ConsortiumFiles['files'] = [
		{ name: names.campaigns, path: join(directory, names.campaigns), kind: 'campaigns' },
		{ name: names.x, path: join(directory, names.x), kind: 'posts' },
		{ name: names.facebook, path: join(directory, names.facebook), kind: 'posts' },
		{ name: names.instagram, path: join(directory, names.instagram), kind: 'posts' },
		{ name: names.libcal, path: join(directory, names.libcal), kind: 'programs' },
		{ name: names.usage, path: join(directory, names.usage), kind: 'usage' }
	];
	if (existsSync(join(directory, 'complete'))) return { directory, files };
	mkdirSync(directory, { recursive: true });
	const parts: Member[] = [];
	for (let index = 0; index < scale; index += 1) parts.push(member(index));
	const write = (name: string, content: string) => {
		// Written beside, then renamed: a half-written file is never taken for a finished one.
		writeFileSync(join(directory, `${name}.partial`), content);
		renameSync(join(directory, `${name}.partial`), join(directory, name));
	};
	const joined = (pick: (part: Member) => string) =>
		parts.map((part, index) => (index === 0 ? pick(part) : body(pick(part)))).join('');
	write(names.campaigns, campaignsJson());
	write(
		names.x,
		joined((part) => part.x)
	);
	write(
		names.facebook,
		joined((part) => part.facebook)
	);
	write(
		names.instagram,
		joined((part) => part.instagram)
	);
	write(
		names.libcal,
		csvDocument(
			LIBCAL_HEADER,
			parts.flatMap((part) => part.libcal),
			{ style: 'always' }
		)
	);
	write(names.usage, `${USAGE_HEADER}\n${parts.map((part) => `${part.usage}\n`).join('')}`);
	writeFileSync(join(directory, 'complete'), '');
	return { directory, files };
}
