/**
 * Long loops in JavaScript (classifying a chunk of 50,000 posts, matching 20,000 post texts to programs)
 * hold the server's one thread: while they run no page, sign-in or upload is answered. Such a loop
 * calls a `breather()`'s function once per item, which lets the requests waiting in the event loop
 * run whenever the loop has held the thread for `sliceMs`.
 */
export function breather(sliceMs = 40): () => Promise<void> {
	let since = performance.now();
	return async () => {
		if (performance.now() - since < sliceMs) return;
		await new Promise<void>((resolve) => setImmediate(resolve));
		since = performance.now();
	};
}
