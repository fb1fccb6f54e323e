import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REAL_FIXTURES, tempDatabase } from '../db/test-support';
import { importUpload } from './import-any';

/** A ZIP of several deflated entries, written by hand (local headers, central directory, end record). */
function zipOf(files: Record<string, Buffer>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, content] of Object.entries(files)) {
		const data = deflateRawSync(content);
		const nameBytes = Buffer.from(name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(content.length, 22);
		local.writeUInt16LE(nameBytes.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(content.length, 24);
		central.writeUInt16LE(nameBytes.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBytes, data);
		centrals.push(central, nameBytes);
		offset += 30 + nameBytes.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(files).length, 8);
	end.writeUInt16LE(Object.keys(files).length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

describe('export archives', () => {
	it('imports the files an X archive ZIP holds and leaves the rest', async () => {
		const db = await tempDatabase();
		const zip = zipOf({
			'data/tweets.js': readFileSync(join(REAL_FIXTURES, 'x-archive-2022/tweets.js')),
			'data/following.js': readFileSync(join(REAL_FIXTURES, 'x-archive-2022/following.js')),
			'data/like.js': Buffer.from('window.YTD.like.part0 = []'),
			'data/tweets_media/1.jpg': Buffer.from([0xff, 0xd8, 0xff]),
			'Your archive.html': Buffer.from('<html></html>')
		});
		const path = join(dirname(db.path), 'twitter-2022-10-20-abc.zip');
		writeFileSync(path, zip);
		const results = await importUpload(db, path, { fileName: 'twitter-2022-10-20-abc.zip' });
		expect(results.map((r) => [r.fileName, r.status, r.rowsLoaded])).toEqual([
			['twitter-2022-10-20-abc.zip: data/tweets.js', 'imported', 1758],
			['twitter-2022-10-20-abc.zip: data/following.js', 'imported', 418]
		]);
		expect(await db.query('SELECT count(*) AS n FROM posts')).toEqual([{ n: 1758 }]);
	});

	it('imports a YouTube Studio download and refuses an archive with nothing to read', async () => {
		const db = await tempDatabase();
		const youtube = join(dirname(db.path), 'Content 2024.zip');
		writeFileSync(youtube, zipOf({ 'Content 2024/Table data.csv': readFileSync(join(REAL_FIXTURES, 'youtube/youtube_studio_table_data.csv')) }));
		expect(await importUpload(db, youtube, { fileName: 'Content 2024.zip' })).toMatchObject([{ status: 'imported', source: 'youtube-table-data', rowsLoaded: 102 }]);
		const photos = join(dirname(db.path), 'photos.zip');
		writeFileSync(photos, zipOf({ 'a.jpg': Buffer.from([1, 2, 3]) }));
		const [refused] = await importUpload(db, photos, { fileName: 'photos.zip' });
		expect(refused).toMatchObject({ status: 'rejected' });
		expect(refused!.errors[0]!.message).toMatch(/holds no file Lantern reads/);
	});
});
