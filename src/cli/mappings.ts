import { readFile } from 'node:fs/promises';
import {
	MappingDescription,
	mappingProblem,
	mappingTarget,
	NOT_BRANCHES,
	SYSTEM_ROWS,
	type ColumnMapping
} from '../lib/domain/mapping';
import { describeZodError } from '../lib/domain/zod-message';
import type { Database } from '../lib/server/db/database';
import { recordAudit } from '../lib/server/auth/audit';
import { mappingFromDescription } from '../lib/server/ingest/mapper/saved';
import { findMapping, listMappings, saveMapping } from '../lib/server/ingest/mapping-store';
import { UsageError } from './usage-error';

interface MappingsFlags {
	json: boolean;
	actor: string;
}

/** `lantern mappings [save FILE.json]`: the saved column mappings, and saving one written by hand. */
export async function mappingsCommand(db: Database, args: string[], flags: MappingsFlags): Promise<number> {
	const [action, file, ...extra] = args;
	const out = (json: unknown, text: string) => console.log(flags.json ? JSON.stringify(json, null, 2) : text);
	if (!action) {
		const saved = await listMappings(db);
		out(
			saved,
			saved.map(({ mapping, savedAt }) => describeMapping(mapping, savedAt)).join('\n\n') || 'No saved mappings yet.'
		);
		return 0;
	}
	if (action !== 'save')
		throw new UsageError(`Unknown mappings command "${action}". Use: mappings, or mappings save FILE.json`);
	if (!file || extra.length > 0) throw new UsageError('Name one JSON file: mappings save FILE.json');
	const described = await readDescription(file);
	if (!described.ok) return failed(flags, described.message);
	const mapping = mappingFromDescription(described.description);
	const problem = mappingProblem(mapping);
	if (problem) return failed(flags, `${file}: ${problem}`);
	const replaced = (await findMapping(db, mapping.name))?.name === mapping.name;
	await saveMapping(db, mapping);
	await recordAudit(db, flags.actor, 'mapping saved', `mapping "${mapping.name}" (${mapping.target}) from ${file}`);
	out(
		{ saved: true, replaced, mapping },
		`${replaced ? 'Replaced' : 'Saved'} the mapping "${mapping.name}". Import with it: npm run lantern -- import FILE --mapping "${mapping.name}"\n\n${describeMapping(mapping)}`
	);
	return 0;
}

/** The saved mapping `import --mapping NAME` names; a usage error listing the saved ones when there is none. */
export async function savedMappingNamed(db: Database, name: string): Promise<ColumnMapping> {
	const found = await findMapping(db, name);
	if (found) return found;
	const names = (await listMappings(db)).map(({ mapping }) => `"${mapping.name}"`);
	throw new UsageError(
		`No saved mapping is called "${name}". ${names.length ? `Saved mappings: ${names.join(', ')}.` : 'None is saved yet: map a file on the Uploads page, or use mappings save FILE.json.'}`
	);
}

/** The mapping a JSON file describes, or what is wrong with the file, naming it. */
async function readDescription(
	file: string
): Promise<{ ok: true; description: MappingDescription } | { ok: false; message: string }> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (cause) {
		const code = (cause as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : String(cause);
		return { ok: false, message: `Cannot read ${file}: ${why}.` };
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (cause) {
		return { ok: false, message: `${file} is not JSON: ${(cause as Error).message}.` };
	}
	const parsed = MappingDescription.safeParse(json);
	return parsed.success
		? { ok: true, description: parsed.data }
		: { ok: false, message: `${file}: ${describeZodError(parsed.error)}.` };
}

/** A failure the command could not get past: said on stderr (and in the JSON, when asked for), exit code 1. */
function failed(flags: MappingsFlags, message: string): number {
	if (flags.json) console.log(JSON.stringify({ saved: false, error: message }, null, 2));
	console.error(message);
	return 1;
}

/** A mapping in a few lines: its name, what it holds, which column feeds each field, and which rows it sets apart. */
export function describeMapping(mapping: ColumnMapping, savedAt?: string): string {
	const target = mappingTarget(mapping.target);
	const lines = [`${mapping.name}: ${target.label}${savedAt ? ` (saved ${savedAt.slice(0, 10)})` : ''}`];
	for (const field of target.fields)
		if (mapping.columns[field.key]) lines.push(`  ${field.label} ← "${mapping.columns[field.key]}"`);
	if (mapping.monthColumns.length > 0)
		lines.push(`  ${mapping.metric ?? 'visits'} ← ${mapping.monthColumns.length} columns, one per month`);
	if (mapping.target === 'programs' && mapping.columns.branch) {
		lines.push(`  left out, as the whole system: ${(mapping.systemRows ?? SYSTEM_ROWS).join(', ') || 'none'}`);
		lines.push(`  kept with no branch: ${(mapping.notBranches ?? NOT_BRANCHES).join(', ') || 'none'}`);
	}
	return lines.join('\n');
}
