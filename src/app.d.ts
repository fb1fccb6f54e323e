// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		// interface Error {}
		interface Locals {
			/** the signed-in person, or null (anonymous, or the renderer acting as the command line) */
			user: import('$lib/server/auth/users').User | null;
			/** what this request may do: the user's role, admin for the command line, or the demo-mode grants */
			role: import('$lib/domain/roles').Role | null;
			/** no accounts and only demo data: anyone may look around */
			demoMode: boolean;
			/** `user:<email>`, `cli:local-admin` or `anonymous`, for the audit log */
			actor: string;
			/** this browser's session (the hash of its cookie), or null: its own changes are never shown as not yet made (pageFigures) */
			reader: string | null;
		}
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
