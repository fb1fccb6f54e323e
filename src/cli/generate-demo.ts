/**
 * Writes the demo library's export files, effects.json and EFFECTS.md into data/demo/.
 * Usage: npx tsx src/cli/generate-demo.ts [seed]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { EFFECTS_JSON, EFFECTS_MARKDOWN, effectsJson, effectsMarkdown } from '../lib/demo/effects-report';
import { DEFAULT_DEMO_SEED, generateDemoLibrary } from '../lib/demo/generate';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_DIRECTORY = join(repoRoot, 'data', 'demo');

function main(argv: string[]): void {
	const seedArgument = argv[0];
	const seed = seedArgument === undefined ? DEFAULT_DEMO_SEED : Number(seedArgument);
	if (!Number.isInteger(seed)) {
		throw new Error(`The seed must be a whole number; got "${seedArgument}". Run without it to use ${DEFAULT_DEMO_SEED}.`);
	}
	const started = performance.now();
	const { files, effects } = generateDemoLibrary(seed);
	mkdirSync(DEMO_DIRECTORY, { recursive: true });
	const outputs = [
		...files,
		{ name: EFFECTS_JSON, content: effectsJson(effects) },
		{ name: EFFECTS_MARKDOWN, content: effectsMarkdown(effects) }
	];
	for (const file of outputs) writeFileSync(join(DEMO_DIRECTORY, file.name), file.content, 'utf8');
	const rows = new Map(effects.files.map((file) => [file.name, file.rows]));
	for (const file of outputs) {
		const count = rows.get(file.name);
		console.log(`${file.name}${count === undefined ? '' : `  (${count} rows)`}`);
	}
	console.log(`Wrote ${outputs.length} files to ${DEMO_DIRECTORY} with seed ${seed} in ${Math.round(performance.now() - started)} ms.`);
}

main(process.argv.slice(2));
