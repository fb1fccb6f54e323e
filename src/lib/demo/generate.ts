/**
 * The demo library, Maple Valley Public Library: three years of export files in the real
 * platforms' formats, with known campaign effects baked in. Pure and deterministic: the same
 * seed always gives the same bytes (no clock, no Math.random, no I/O).
 */
import { campaignsJson, CAMPAIGNS } from './campaigns';
import { describeEffects, type DemoEffects } from './effects';
import { generateLibcal } from './libcal';
import { generateGateCounts, generatePls, generateSurveys } from './library-data';
import { FILE_NAMES } from './library';
import { generateSummerReading } from './literacy';
import { generateFacebookPosts, generateInstagramPosts } from './meta-export';
import { planPosts } from './posts';
import { createRandom } from './random';
import { generateUsage } from './usage';
import { generateXActivity } from './x-export';

export type { DemoEffects } from './effects';

export const DEFAULT_DEMO_SEED = 20231101;

export interface DemoFile {
	name: string;
	content: string;
}

export function generateDemoLibrary(seed = DEFAULT_DEMO_SEED): { files: DemoFile[]; effects: DemoEffects } {
	// One named stream per part, so changing how one file is drawn never reshuffles another.
	const random = createRandom(seed);
	const posts = planPosts(random.fork('posts'));
	const x = generateXActivity(posts, random.fork('x'));
	const facebook = generateFacebookPosts(posts, random.fork('facebook'));
	const instagram = generateInstagramPosts(posts, random.fork('instagram'));
	const libcal = generateLibcal(random.fork('programs'));
	const usage = generateUsage(random.fork('usage'));
	const literacy = generateSummerReading(random.fork('literacy'));
	const campaigns = { name: FILE_NAMES.campaigns, content: campaignsJson(), rows: CAMPAIGNS.length };
	const gateCounts = generateGateCounts(random.fork('gate-counts'));
	const surveys = generateSurveys(random.fork('surveys'));
	const pls = generatePls(random.fork('pls'));

	const described = [
		[x, 'X legacy tweet activity export (likes era, 40 columns), newest first'],
		[facebook, 'Meta Business Suite Facebook post export (Views era), UTF-8 with BOM'],
		[instagram, 'Meta Business Suite Instagram post export (Views era), UTF-8 with BOM'],
		[libcal, 'Springshare LibCal events export, 29 columns, including two weeks of upcoming events'],
		[usage, 'Lantern usage template: month × branch × metric'],
		[literacy, 'Lantern literacy template: summer reading week × branch × age group × metric'],
		[campaigns, 'Lantern campaign template (rows = campaigns)'],
		[
			gateCounts,
			'LibInsight gate-count import: daily cumulative door readings per branch for the last year (no effect baked in)'
		],
		[surveys, 'PLA Project Outcome responses, one row per response (no effect baked in)'],
		[pls, 'IMLS PLS administrative-entity file: Maple Valley (IL0420) and twenty fictional Illinois peers']
	] as const;

	const effects = describeEffects(seed, {
		posts,
		files: described.map(([file, what]) => ({ name: file.name, rows: file.rows, what })),
		libcal,
		usage,
		literacy
	});
	return { files: described.map(([file]) => ({ name: file.name, content: file.content })), effects };
}
