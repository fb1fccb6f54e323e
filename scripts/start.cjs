// `npm start`: scripts/serve.js (build when needed, then serve Lantern), with more threads in libuv's
// pool. Each DuckDB query holds one of the pool's threads while it runs, and the pool has 4 by
// default: an import, its relinking, the posts copy and one slow page held them all, and every other
// request, down to checking a session, waited behind them (a one-row query waited 9.6 s beside four
// long ones; 8 ms with 16 threads). libuv reads the setting once, when the pool starts, and loading
// an ES module already starts it: hence this CommonJS entry, which sets it before any module loads.
process.env.UV_THREADPOOL_SIZE ??= '16';
import('./serve.js').catch((error) => {
	console.error(error);
	process.exit(1);
});
