// `npm start`: build when needed, then serve Lantern on PORT (default 3000) with its DuckDB file.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuild, ROOT } from './ensure-build.js';

process.chdir(ROOT);
process.env.PORT ??= '3000';
process.env.LANTERN_DB ??= join(ROOT, 'data', 'lantern.duckdb');
// The app enforces LANTERN_UPLOAD_LIMIT_MB itself with a clear message; adapter-node's own
// limit must sit above it.
const uploadLimitMb = Number(process.env.LANTERN_UPLOAD_LIMIT_MB ?? 200);
process.env.BODY_SIZE_LIMIT ??= String(Math.ceil((uploadLimitMb + 1) * 1024 * 1024));

ensureBuild();
await import(pathToFileURL(join(ROOT, 'build', 'index.js')).href);
console.log(`Lantern is running at http://localhost:${process.env.PORT} (database ${process.env.LANTERN_DB})`);
