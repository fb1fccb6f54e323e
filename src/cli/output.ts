import type { ImportResult } from '../lib/domain/imports';
import { formatCount } from '../lib/format';

/** Human-readable lines for one import result, as `lantern import` prints them. */
export function describeImport(result: ImportResult): string {
	const head = `${result.fileName}: ${result.status}`;
	const source = result.sourceLabel ? ` (${result.sourceLabel})` : '';
	if (result.status === 'imported') return `${head}${source}, ${formatCount(result.rowsLoaded)} rows loaded, import ${result.importId}`;
	if (result.status === 'duplicate') return `${head}${source}: the same file was imported before as import ${result.duplicateOf}; nothing added`;
	const lines = [`${head}${source}: ${result.summary ?? 'nothing was stored.'}`];
	for (const error of result.errors) {
		const where = error.row !== null ? `row ${error.row}` : 'file';
		lines.push(`  ${where}${error.column ? `, column "${error.column}"` : ''}: ${error.message}`);
	}
	if (result.errorCount > result.errors.length) lines.push(`  …and ${formatCount(result.errorCount - result.errors.length)} more problems`);
	return lines.join('\n');
}
