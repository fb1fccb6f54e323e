import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../field-sql';
import { Refusal } from '../refusal';
import type { SourceSpec } from '../source';
import { SOURCES } from '../sources';
import type { FileSniff } from './read-file';
import { describeStaging, readerMessage, withTempFile, type Staged } from './staging-table';

/** A Mastodon (ActivityPub) archive's outbox.json: one post per item of `orderedItems`. */
export async function stageActivityPub(
	connection: DuckDBConnection,
	path: string,
	fileName: string,
	sniff: FileSniff
): Promise<Staged> {
	const source = SOURCES.find((candidate) => candidate.format === 'activitypub');
	if (!source || !/"orderedItems"/.test(sniff.head)) {
		throw new Refusal(
			'Lantern reads two kinds of JSON file: a campaigns file ({"campaigns": […]}) and the outbox.json of a Mastodon archive. This is neither.'
		);
	}
	return stageJsonItems(
		connection,
		path,
		fileName,
		source,
		`unnest(CAST(json_extract(json, '$.orderedItems') AS JSON[]))`,
		'auto'
	);
}

/** `window.YTD.tweets.part0 = [...]`: the part after the first `=` is JSON. */
export async function stageXArchive(
	connection: DuckDBConnection,
	path: string,
	fileName: string,
	sniff: FileSniff
): Promise<Staged> {
	const part = /^\s*window\.YTD\.([A-Za-z_]+)\.part\d+/.exec(sniff.head)?.[1] ?? '';
	const source = SOURCES.find(
		(candidate) => candidate.format === 'x-archive' && candidate.archiveParts?.includes(part)
	);
	if (!source) {
		throw new Refusal(
			`This is the "${part}" file of an X data archive, which Lantern does not use. Upload tweets.js (or tweets-part1.js, …), account.js or following.js from the archive's data folder.`
		);
	}
	return withTempFile('json', async (json) => {
		await writeJsonPart(path, json);
		return stageJsonItems(connection, json, fileName, source, 'json', 'array');
	});
}

/** Stages one row per JSON item, with a synthetic header row naming the source's archive columns. */
export async function stageJsonItems(
	connection: DuckDBConnection,
	jsonPath: string,
	fileName: string,
	source: SourceSpec,
	items: string,
	format: 'array' | 'auto'
): Promise<Staged> {
	// 128 MB per JSON value (a whole Mastodon outbox is one): DuckDB reserves twice that, inside its memory limit.
	const columns = source.archiveColumns!;
	const header = columns.map((column, i) => `${sqlString(column.name)} AS c${i}`).join(', ');
	const values = columns.map((column, i) => `CAST(${column.sql} AS VARCHAR) AS c${i}`).join(', ');
	try {
		await connection.run(
			`CREATE OR REPLACE TEMP TABLE staging AS
			 SELECT 1::BIGINT AS row_no, ${header}
			 UNION ALL
			 SELECT 1 + row_number() OVER () AS row_no, ${values}
			 FROM (SELECT ${items} AS json FROM read_json_objects($1, format = '${format}', maximum_object_size = 134217728))`,
			[jsonPath]
		);
	} catch (error) {
		throw new Refusal(
			`Lantern could not read this ${source.label} file: ${readerMessage(error, jsonPath, fileName)}. Upload the file exactly as it came out of the archive.`,
			[],
			0,
			source
		);
	}
	return describeStaging(connection, source, 1, 0);
}

/** Copies the file without its `window.YTD.x.partN =` prefix. */
async function writeJsonPart(source: string, target: string): Promise<void> {
	let prefixDone = false;
	let pending = '';
	await pipeline(
		createReadStream(source, { encoding: 'utf8' }),
		async function* (chunks: AsyncIterable<string>) {
			for await (const chunk of chunks) {
				if (prefixDone) {
					yield chunk;
					continue;
				}
				pending += chunk;
				const equals = pending.indexOf('=');
				if (equals >= 0) {
					prefixDone = true;
					yield pending.slice(equals + 1);
					pending = '';
				}
			}
			if (!prefixDone) throw new Refusal('This X archive file has no data after its `window.YTD…` prefix.');
		},
		createWriteStream(target)
	);
}
