// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { drawChart } from './draw-chart';

describe('drawing a chart into its frame', () => {
	it('puts the drawn chart in the container, replacing what was there', () => {
		const container = document.createElement('div');
		container.append(document.createElement('span'));
		drawChart(container, (width) => Object.assign(document.createElement('svg'), { id: `w${width}` }), 640, 'x');
		expect(container.innerHTML).toBe('<svg id="w640"></svg>');
	});

	it('leaves a sentence, not a blank box, when the chart cannot be drawn, and lets the print page finish', () => {
		const container = document.createElement('div');
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		drawChart(
			container,
			() => {
				throw new Error('no data');
			},
			640,
			'This chart could not be drawn; the table below has its data.'
		);
		expect(container.textContent).toBe('This chart could not be drawn; the table below has its data.');
	});
});
