/**
 * The print contract: each chart registers a render task; the page reports "complete" on
 * <html data-render-state> only when every task has settled and fonts have loaded. The PDF
 * renderer waits for that attribute instead of sleeping.
 */
let pending = 0;
let pageMounted = false;

function setState(state: 'pending' | 'complete') {
	document.documentElement.dataset.renderState = state;
}

function settle() {
	if (!pageMounted || pending > 0) return;
	void document.fonts.ready.then(() => {
		if (pageMounted && pending === 0) setState('complete');
	});
}

/** Call when a render task starts; call the returned function when it has finished or failed. */
export function beginRender(): () => void {
	pending += 1;
	setState('pending');
	let finished = false;
	return () => {
		if (finished) return;
		finished = true;
		pending -= 1;
		settle();
	};
}

/** Call from the page's onMount, after its components have mounted. */
export function pageMountedForPrint(): () => void {
	pageMounted = true;
	settle();
	return () => {
		pageMounted = false;
	};
}
