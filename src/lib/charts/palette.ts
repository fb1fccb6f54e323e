import { PLATFORM_COLOURS } from './chart';

/**
 * One colour per branch and per platform on every page. Branches take the colours in the order of
 * every branch the uploads name (sorted), so Eastside is the same colour on Usage, Programs and
 * Literacy whichever branches a chart happens to show. Colours avoid the campaign shading's orange.
 */
const BRANCH_SWATCHES = ['#1d3557', '#2a9d8f', '#9c6644', '#6d597a', '#0096c7', '#bc4749', '#588157', '#8d99ae'];

export function branchColour(branch: string, allBranches: readonly string[]): string {
	const index = allBranches.indexOf(branch);
	return BRANCH_SWATCHES[(index < 0 ? allBranches.length : index) % BRANCH_SWATCHES.length]!;
}

/** A Plot colour scale for branches: the domain is every branch, so a filtered chart keeps the colours. */
export function branchColourScale(allBranches: readonly string[]) {
	return { domain: [...allBranches], range: allBranches.map((branch) => branchColour(branch, allBranches)) };
}

export function platformColour(platform: string): string {
	return PLATFORM_COLOURS[platform] ?? '#5b6470';
}

/** A Plot colour scale for platforms, keyed by the label people read. */
export function platformColourScale(platforms: readonly string[], label: (platform: string) => string) {
	return { domain: platforms.map(label), range: platforms.map(platformColour) };
}
