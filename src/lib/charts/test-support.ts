/**
 * Snapshot helpers for the chart tests, after Observable Plot's own (test/plot-snapshot.js): draw
 * through JSDOM, make the markup stable and readable, and compare it with a committed file.
 */
import { JSDOM } from 'jsdom';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Plot's default class name carries a hash of its stylesheet (plot-d6a7b5 in 0.6.17). */
const PLOT_CLASS = /\bplot-[0-9a-f]{6}\b/g;
/** Ids Plot numbers from a counter shared by every chart drawn in the process: plot-clip-3. */
const GENERATED_ID = /^plot-([a-z]+)-\d+$/;
/** Decimals past the second change with floating-point noise, not with the chart. */
const LONG_DECIMAL = /-?\d*\.\d{3,}/g;

/** A fresh document to draw charts into outside the browser. */
export function chartDocument(): Document {
	return new JSDOM('<!doctype html><html><body></body></html>').window.document;
}

/** Draws a chart and fails if Plot warned while drawing it: a warning means Plot guessed (a scale, a series) and may have guessed wrong. */
export function drawWithoutWarnings<T extends Element>(draw: () => T): T {
	const warnings: string[] = [];
	const warn = console.warn;
	console.warn = (...parts: unknown[]) => void warnings.push(parts.join(' '));
	try {
		const chart = draw();
		if (warnings.length > 0) throw new Error(`Plot warned while drawing the chart: ${warnings.join(' | ')}`);
		return chart;
	} finally {
		console.warn = warn;
	}
}

/** Where a chart's snapshot lives, beside the tests: `.svg` for a bare plot, `.html` when Plot wrapped it (a legend) or the chart is several panels. */
export function snapshotPath(name: string, chart: Element): string {
	return `./snapshots/${name}.${chart.namespaceURI === SVG_NS ? 'svg' : 'html'}`;
}

/**
 * The chart as markup that changes only when the drawing does: generated ids renumbered in
 * document order, Plot's hashed class name written as `plot`, numbers in attributes rounded to
 * two decimals, and one element a line so that a diff points at the mark that changed.
 */
export function chartSnapshot(chart: Element): string {
	const copy = chart.cloneNode(true) as Element;
	renumberIds(copy);
	for (const element of [copy, ...copy.querySelectorAll('*')]) {
		for (const attribute of [...element.attributes]) {
			const value = attribute.value
				.replace(PLOT_CLASS, 'plot')
				.replace(LONG_DECIMAL, (number) => String(+Number(number).toFixed(2)));
			if (value !== attribute.value) element.setAttribute(attribute.name, value);
		}
		if (element.localName === 'style') element.textContent = (element.textContent ?? '').replace(PLOT_CLASS, 'plot');
		// A standalone SVG file needs its namespace; the DOM knows it without the attribute.
		if (
			element.namespaceURI === SVG_NS &&
			element.localName === 'svg' &&
			element.parentElement?.namespaceURI !== SVG_NS
		)
			element.setAttribute('xmlns', SVG_NS);
	}
	return `${lines(copy, '').join('\n')}\n`;
}

function renumberIds(root: Element): void {
	const renamed = new Map<string, string>();
	const counts = new Map<string, number>();
	for (const element of [root, ...root.querySelectorAll('[id]')]) {
		const kind = GENERATED_ID.exec(element.id)?.[1];
		if (!kind) continue;
		const n = (counts.get(kind) ?? 0) + 1;
		counts.set(kind, n);
		renamed.set(element.id, `plot-${kind}-${n}`);
		element.id = `plot-${kind}-${n}`;
	}
	if (renamed.size === 0) return;
	// References are url(#id) in clip-path, fill, marker-end and the like, or #id in href.
	for (const element of root.querySelectorAll('*')) {
		for (const attribute of [...element.attributes]) {
			const value = attribute.value.replace(/(url\(#|^#)(plot-[a-z]+-\d+)/g, (whole, lead: string, id: string) =>
				renamed.has(id) ? `${lead}${renamed.get(id)}` : whole
			);
			if (value !== attribute.value) element.setAttribute(attribute.name, value);
		}
	}
}

function lines(element: Element, indent: string): string[] {
	const name = element.localName;
	const open = `<${name}${[...element.attributes].map((a) => ` ${a.name}="${escapeAttribute(a.value)}"`).join('')}`;
	const children = [...element.childNodes].filter(
		(node) => node.nodeType === node.ELEMENT_NODE || (node.nodeType === node.TEXT_NODE && node.textContent !== '')
	);
	if (children.length === 0)
		return [element.namespaceURI === SVG_NS ? `${indent}${open}/>` : `${indent}${open}></${name}>`];
	if (children.every((node) => node.nodeType === node.TEXT_NODE))
		return [`${indent}${open}>${escapeText(element.textContent ?? '')}</${name}>`];
	return [
		`${indent}${open}>`,
		...children.flatMap((node) =>
			node.nodeType === node.ELEMENT_NODE
				? lines(node as Element, `${indent}  `)
				: [`${indent}  ${escapeText(node.textContent ?? '')}`]
		),
		`${indent}</${name}>`
	];
}

const escapeText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replaceAll('"', '&quot;');
