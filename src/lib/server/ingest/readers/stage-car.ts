import { readFile, writeFile } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Refusal } from '../refusal';
import { SOURCES } from '../sources';
import { CarError, readBlueskyCar, type BlueskyPost } from './car';
import { stageJsonItems } from './stage-json';
import { withTempFile, type Staged } from './staging-table';

/** A Bluesky repository export (repo.car): its posts, decoded in-process, staged as JSON items. */
export async function stageBlueskyCar(connection: DuckDBConnection, path: string, fileName: string): Promise<Staged> {
	const source = SOURCES.find((candidate) => candidate.format === 'bluesky-car')!;
	let posts: BlueskyPost[];
	try {
		posts = readBlueskyCar(await readFile(path)).posts;
	} catch (error) {
		if (error instanceof CarError) throw new Refusal(error.message, [], 0, source);
		throw error;
	}
	if (posts.length === 0)
		throw new Refusal(
			'This Bluesky repository export holds no posts, so there is nothing to import. (Likes, follows and reposts of other accounts are not imported.)',
			[],
			0,
			source
		);
	return withTempFile('json', async (json) => {
		await writeFile(json, JSON.stringify(posts));
		return stageJsonItems(connection, json, fileName, source, 'json', 'array');
	});
}
