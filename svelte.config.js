import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// .br and .gz beside every asset at build time, which adapter-node's handler (and so `npm start`)
		// serves to browsers that accept them: the overview's 460 KB of JavaScript travels as ~130 KB.
		adapter: adapter({ out: 'build', precompress: true }),
		// Uploads are posted by the page itself; the origin check stays on (and hooks.server.ts
		// applies it to every state-changing request, JSON and raw bodies included).
		csrf: { trustedOrigins: [] },
		// Scripts only from Lantern itself (SvelteKit hashes its own inline start-up script); inline
		// style attributes are allowed because Plot writes them on charts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
