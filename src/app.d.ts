// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
	interface Window {
		/** Set by the print route when every chart has rendered and fonts have loaded. */
		__lanternRenderState?: 'pending' | 'complete';
	}
}

export {};
