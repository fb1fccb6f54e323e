import { beginRender } from './render-tracker';

/**
 * Draws a Plot chart into its container at `width` (the dashboards' ChartFrame and the report's
 * ReportFigure both do this): the print page's render tracker counts it, and a chart that throws
 * leaves a sentence pointing to its table instead of a blank box.
 */
export function drawChart(
	container: HTMLElement,
	render: (width: number) => Element,
	width: number,
	fallback: string
): void {
	const done = beginRender();
	try {
		// Plot draws outside Svelte; the container holds nothing Svelte renders.
		container.replaceChildren(render(width));
	} catch (error) {
		container.textContent = fallback;
		console.error(error);
	} finally {
		done();
	}
}
