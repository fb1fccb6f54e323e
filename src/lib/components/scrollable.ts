/**
 * A table wider than its card scrolls sideways inside it. Only then does the scroller take the
 * keyboard focus (so arrow keys scroll it) and a name taken from its table's caption or the
 * section's heading; a table that fits stays out of the Tab order.
 */
export function scrollable(node: HTMLElement): { destroy: () => void } {
	const update = () => {
		if (node.scrollWidth > node.clientWidth + 1) {
			const caption = node.querySelector('caption')?.textContent?.trim();
			const heading = node.closest('section, figure, .card')?.querySelector('h2, h3, h4')?.textContent?.trim();
			node.tabIndex = 0;
			node.setAttribute('role', 'region');
			node.setAttribute('aria-label', `${caption || heading || 'Table'} (scrolls sideways)`);
		} else {
			node.removeAttribute('tabindex');
			node.removeAttribute('role');
			node.removeAttribute('aria-label');
		}
	};
	const observer = new ResizeObserver(update);
	observer.observe(node);
	update();
	return { destroy: () => observer.disconnect() };
}
