/**
 * Writes the demo library's export files, effects.json and EFFECTS.md into data/demo/.
 * Usage: npx tsx src/cli/generate-demo.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EFFECTS_JSON, EFFECTS_MARKDOWN, effectsJson, effectsMarkdown } from '../lib/demo/effects-report';
import { DEFAULT_DEMO_SEED, generateDemoLibrary } from '../lib/demo/generate';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const demoDirectory = join(repoRoot, 'data', 'demo');

const started = performance.now();
const { files, effects } = generateDemoLibrary(DEFAULT_DEMO_SEED);
const outputs = [
	...files,
	{ name: EFFECTS_JSON, content: effectsJson(effects) },
	{ name: EFFECTS_MARKDOWN, content: effectsMarkdown(effects) }
];
mkdirSync(demoDirectory, { recursive: true });
for (const file of outputs) writeFileSync(join(demoDirectory, file.name), file.content, 'utf8');

const rows = new Map(effects.files.map((file) => [file.name, file.rows]));
for (const file of outputs) {
	const count = rows.get(file.name);
	console.log(count === undefined ? file.name : `${file.name}  (${count} rows)`);
}
const elapsed = Math.round(performance.now() - started);
console.log(`Wrote ${outputs.length} files to ${demoDirectory} with seed ${DEFAULT_DEMO_SEED} in ${elapsed} ms.`);
