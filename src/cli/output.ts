import type { ImportResult } from '../lib/domain/imports';
import type { XidAnswer } from '../lib/server/x-accounts';
import { PLATFORM_LABELS } from '../lib/domain/vocabulary';
import { formatCount } from '../lib/format';
import { describePostSighting } from '../lib/xid';

/** Human-readable lines for one import result, as `lantern import` prints them. */
export function describeImport(result: ImportResult): string {
	const head = `${result.fileName}: ${result.status}`;
	const source = result.sourceLabel ? ` (${result.sourceLabel})` : '';
	if (result.status === 'imported')
		return [
			`${head}${source}, ${formatCount(result.rowsLoaded)} rows loaded, import ${result.importId}${result.summary ? `: ${result.summary}` : ''}`,
			...(result.notes ?? []).map((note) => `  note: ${note}`)
		].join('\n');
	if (result.status === 'duplicate')
		return `${head}${source}: the same file was imported before as import ${result.duplicateOf}; nothing added`;
	const lines = [`${head}${source}: ${result.summary ?? 'nothing was stored.'}`];
	for (const error of result.errors) {
		const where = error.row !== null ? `row ${error.row}` : 'file';
		lines.push(`  ${where}${error.column ? `, column "${error.column}"` : ''}: ${error.message}`);
	}
	if (result.errorCount > result.errors.length)
		lines.push(`  …and ${formatCount(result.errorCount - result.errors.length)} more problems`);
	return lines.join('\n');
}

/** One line per X ID tools answer, with the accounts and uploaded posts where it was seen. */
export function describeXid(answer: XidAnswer): string {
	const seen = [
		...answer.accounts.map(
			(a) =>
				`account ${a.accountId} = ${a.username ? `@${a.username}` : 'handle unknown'} (seen ${a.firstSeen.slice(0, 10)}–${a.lastSeen.slice(0, 10)})`
		),
		...answer.posts.map(
			(post) =>
				`${describePostSighting(post, PLATFORM_LABELS[post.platform] ?? post.platform)}${post.publishedAt ? ` (${post.publishedAt})` : ''}`
		),
		...(answer.postCount > answer.posts.length
			? [`…and ${formatCount(answer.postCount - answer.posts.length)} more uploaded posts`]
			: [])
	];
	const notSeen = answer.kind !== 'invalid' && seen.length === 0 ? ' (not seen in uploaded data)' : '';
	const head =
		answer.kind === 'post'
			? `${answer.input}: posted ${answer.postedAt}${answer.username ? ` by @${answer.username}` : ''}${notSeen}`
			: answer.kind === 'pre-snowflake'
				? `${answer.input}: ${answer.note}${notSeen}`
				: answer.kind === 'username'
					? `${answer.input}: ${seen.length ? 'seen in uploaded data' : 'not seen in uploaded data'}`
					: `${answer.input}: ${answer.note}`;
	return [head, ...seen.map((line) => `  ${line}`)].join('\n');
}
