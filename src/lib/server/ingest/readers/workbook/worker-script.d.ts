/** The workbook reader's worker thread as one script, bundled by scripts/workbook-worker.js (Vite only). */
declare module 'virtual:lantern/workbook-worker' {
	const script: string;
	export default script;
}
