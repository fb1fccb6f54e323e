import * as Plot from '@observablehq/plot';
import type { CampaignPeriod } from '../domain/campaigns';
import type { FollowerPoint, FormatFigures, PostingSlot } from '../domain/social-dashboard';
import { PLATFORM_LABELS } from '../domain/vocabulary';
import { formatCount, formatDate, formatPercent } from '../format';
import { campaignShading, rangeDomain, type ChartOptions, type ChartSpec, withoutMarkNames } from './chart';
import { platformColour, platformColourScale } from './palette';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const hourLabel = (hour: number) => `${hour % 12 === 0 ? 12 : hour % 12} ${hour < 12 ? 'AM' : 'PM'}`;
const label = (platform: string) => PLATFORM_LABELS[platform] ?? platform;

/** Hours with fewer posts than this are not named as the best time: two lucky posts are not a pattern. */
const SLOT_FLOOR = 5;

export function postingTimesSpec(slots: PostingSlot[], timeZone: string): ChartSpec {
	const busiest = slots.length ? slots.reduce((best, s) => (s.posts > best.posts ? s : best)) : null;
	const rated = slots.filter((s) => s.posts >= SLOT_FLOOR && s.engagementRate !== null);
	const best = rated.length ? rated.reduce((b, s) => (s.engagementRate! > b.engagementRate! ? s : b)) : null;
	const parts: string[] = [];
	if (busiest)
		parts.push(
			`Most posts went out on ${WEEKDAYS[busiest.weekday]} at ${hourLabel(busiest.hour)} (${formatCount(busiest.posts)})`
		);
	if (best)
		parts.push(
			`the highest engagement rate among hours with ${SLOT_FLOOR} or more posts was ${WEEKDAYS[best.weekday]} at ${hourLabel(best.hour)} (${formatPercent(best.engagementRate, 2)})`
		);
	return {
		title: 'When posts go out, and how they do',
		caption: parts.length
			? `${parts.join('; ')}. Darker cells have a higher engagement rate; times in ${timeZone}.`
			: 'No posts in this period.',
		ariaLabel: 'Heatmap: posts by weekday and hour, coloured by engagement rate',
		table: {
			columns: ['Weekday and hour', 'Posts', 'Engagement rate'],
			rows: slots.map((s) => [
				`${WEEKDAYS[s.weekday]} ${hourLabel(s.hour)}`,
				formatCount(s.posts),
				formatPercent(s.engagementRate, 2)
			])
		}
	};
}

export function postingTimesChart(
	slots: PostingSlot[],
	options: { width: number; timeZone: string; document?: Document }
): SVGSVGElement | HTMLElement {
	const spec = postingTimesSpec(slots, options.timeZone);
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 260,
			marginLeft: 44,
			padding: 0.05,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: {
				domain: Array.from({ length: 24 }, (_, hour) => hour),
				label: `Hour (${options.timeZone})`,
				tickFormat: (hour: number) => (hour % 3 === 0 ? hourLabel(hour) : '')
			},
			y: { domain: [0, 1, 2, 3, 4, 5, 6], label: null, tickFormat: (d: number) => WEEKDAYS[d] },
			color: {
				scheme: 'blues',
				legend: true,
				label: 'Engagement rate',
				tickFormat: (d: number) => formatPercent(d, 1)
			},
			marks: [
				Plot.cell(slots, { x: 'hour', y: 'weekday', fill: 'engagementRate', inset: 0.5 }),
				Plot.text(slots, {
					x: 'hour',
					y: 'weekday',
					text: (s: PostingSlot) => (options.width > 700 ? formatCount(s.posts) : ''),
					fontSize: 9,
					fill: (s: PostingSlot) => ((s.engagementRate ?? 0) > 0.04 ? 'white' : 'black')
				}),
				Plot.tip(
					slots,
					Plot.pointer({
						x: 'hour',
						y: 'weekday',
						title: (s: PostingSlot) =>
							`${WEEKDAYS[s.weekday]} ${hourLabel(s.hour)}: ${formatCount(s.posts)} posts, engagement rate ${formatPercent(s.engagementRate, 2)}`
					})
				)
			]
		})
	);
}

export function followersSpec(points: FollowerPoint[]): ChartSpec {
	const platforms = [...new Set(points.map((p) => p.platform))];
	const weeks = [...new Set(points.map((p) => p.week))].sort();
	const changes = platforms.map((platform) => {
		const series = points.filter((p) => p.platform === platform);
		return { platform, first: series[0]!, last: series[series.length - 1]! };
	});
	const value = (week: string, platform: string) =>
		points.find((p) => p.week === week && p.platform === platform)?.followers;
	return {
		title: 'Followers over time',
		caption: changes.length
			? changes
					.map(
						(c) =>
							`${label(c.platform)}: ${formatCount(c.first.followers)} in the week of ${formatDate(c.first.week)}, ${formatCount(c.last.followers)} in the week of ${formatDate(c.last.week)}`
					)
					.join('; ') + '.'
			: 'No follower counts in this period.',
		ariaLabel: 'Line chart: followers per week on each platform',
		table: {
			columns: ['Week of', ...platforms.map(label)],
			rows: weeks.map((week) => [formatDate(week), ...platforms.map((p) => formatCount(value(week, p)))])
		}
	};
}

export function followersChart(
	points: FollowerPoint[],
	campaigns: CampaignPeriod[],
	options: ChartOptions
): SVGSVGElement | HTMLElement {
	const spec = followersSpec(points);
	const platforms = [...new Set(points.map((p) => p.platform))];
	const data = points.map((p) => ({ ...p, date: new Date(`${p.week}T00:00:00Z`), label: label(p.platform) }));
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 240,
			marginLeft: 60,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: { type: 'utc', label: null, domain: rangeDomain(options.range) },
			y: { grid: true, label: 'Followers', tickFormat: (d: number) => formatCount(d) },
			color: { legend: true, ...platformColourScale(platforms, label) },
			marks: [
				campaignShading(campaigns),
				Plot.lineY(data, { x: 'date', y: 'followers', z: 'label', stroke: 'label', strokeWidth: 2 }),
				Plot.tip(
					data,
					Plot.pointerX({
						x: 'date',
						y: 'followers',
						stroke: 'label',
						title: (d: (typeof data)[number]) =>
							`${d.label}, week of ${formatDate(d.week)}: ${formatCount(d.followers)} followers`
					})
				)
			]
		})
	);
}

/** Formats with fewer posts than this are drawn but not named best or worst: a handful of posts is luck. */
export const FORMAT_FLOOR = 10;

const formatName = (row: FormatFigures) => `${label(row.platform)}: ${row.format}`;

/** Each platform's formats (as the platform names them) by engagement rate, highest first. */
export function formatsSpec(formats: FormatFigures[]): ChartSpec {
	const rated = formats
		.filter((row) => row.posts >= FORMAT_FLOOR && row.engagementRate !== null)
		.sort((a, b) => b.engagementRate! - a.engagementRate!);
	const best = rated[0];
	const worst = rated.length > 1 ? rated[rated.length - 1] : undefined;
	const caption = best
		? `${formatName(best)} had the highest engagement rate of the formats with ${FORMAT_FLOOR} or more posts (${formatPercent(best.engagementRate, 2)} over ${formatCount(best.posts)} posts)${
				worst
					? `; ${formatName(worst)} the lowest (${formatPercent(worst.engagementRate, 2)} over ${formatCount(worst.posts)} posts)`
					: ''
			}. Formats are as each platform names them; paler bars have fewer than ${FORMAT_FLOOR} posts.`
		: formats.length
			? `No format had ${FORMAT_FLOOR} or more posts that report impressions and engagements in this period.`
			: 'No posts in this period.';
	return {
		title: 'Formats compared',
		caption,
		ariaLabel: 'Bar chart: engagement rate of each platform’s post formats, coloured by platform',
		table: {
			columns: ['Format', 'Posts', 'Impressions (views)', 'Engagements', 'Engagement rate'],
			rows: sortedFormats(formats).map((row) => [
				formatName(row),
				formatCount(row.posts),
				formatCount(row.impressions),
				formatCount(row.engagements),
				formatPercent(row.engagementRate, 2)
			])
		}
	};
}

const sortedFormats = (formats: FormatFigures[]) =>
	[...formats].sort(
		(a, b) => (b.engagementRate ?? -1) - (a.engagementRate ?? -1) || formatName(a).localeCompare(formatName(b))
	);

export function formatsChart(
	formats: FormatFigures[],
	options: { width: number; document?: Document }
): SVGSVGElement | HTMLElement {
	const spec = formatsSpec(formats);
	const rows = sortedFormats(formats)
		.filter((row) => row.engagementRate !== null)
		.map((row) => ({ ...row, name: formatName(row), rate: row.engagementRate! }));
	const marginLeft = Math.min(220, Math.round(options.width * 0.4));
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 50 + rows.length * 28,
			marginLeft,
			marginRight: 70,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: { grid: true, label: 'Engagement rate', tickFormat: (d: number) => formatPercent(d, 1) },
			y: { label: null, domain: rows.map((row) => row.name), axis: null },
			marks: [
				Plot.axisY({ lineWidth: Math.max(8, Math.floor((marginLeft - 14) / 11)), fontSize: 11, label: null }),
				Plot.barX(rows, {
					x: 'rate',
					y: 'name',
					fill: (row: (typeof rows)[number]) => platformColour(row.platform),
					fillOpacity: (row: (typeof rows)[number]) => (row.posts >= FORMAT_FLOOR ? 1 : 0.4)
				}),
				Plot.text(rows, {
					x: 'rate',
					y: 'name',
					text: (row: (typeof rows)[number]) => `${formatPercent(row.rate, 2)} · ${formatCount(row.posts)} posts`,
					textAnchor: 'start',
					dx: 4,
					fontSize: 10
				}),
				Plot.ruleX([0]),
				Plot.tip(
					rows,
					Plot.pointerY({
						x: 'rate',
						y: 'name',
						title: (row: (typeof rows)[number]) =>
							`${row.name}: engagement rate ${formatPercent(row.rate, 2)} over ${formatCount(row.posts)} posts, ${formatCount(row.impressions)} impressions, ${formatCount(row.engagements)} engagements`
					})
				)
			]
		})
	);
}
