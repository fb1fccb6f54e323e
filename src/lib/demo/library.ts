/** Maple Valley Public Library: the fictional library behind the demo exports. */
import { dayFromIso } from '../calendar';

export const BRANCHES = ['Central', 'Eastside', 'Riverside'] as const;
export type Branch = (typeof BRANCHES)[number];

export const LIBRARY = {
	name: 'Maple Valley Public Library',
	timeZone: 'America/Chicago',
	branches: BRANCHES,
	from: '2023-11-01',
	to: '2026-10-31',
	accounts: {
		x: { handle: 'MapleValleyPL' },
		facebook: { pageId: '104857392011482', pageName: 'Maple Valley Public Library', slug: 'maplevalleypl' },
		instagram: {
			accountId: '17841400123456789',
			username: 'maplevalleypl',
			name: 'Maple Valley Public Library'
		}
	},
	libcalHost: 'https://maplevalleypl.libcal.com'
} as const;

export const SPAN = { from: dayFromIso(LIBRARY.from), to: dayFromIso(LIBRARY.to) };

export const FILE_NAMES = {
	x: 'tweet_activity_metrics_MapleValleyPL_20231101_20261031_en.csv',
	facebook: 'Nov-01-2023_Oct-31-2026_104857392011482.csv',
	instagram: 'Nov-01-2023_Oct-31-2026_17841400123456789.csv',
	libcal: 'lc_events_2023-11-01_2026-10-31.csv',
	usage: 'usage_monthly_2023-11_2026-10.csv',
	summerReading: 'summer_reading_2024_2026.csv',
	campaigns: 'campaigns.json'
} as const;

export interface Book {
	title: string;
	author: string;
	shelf: 'adult' | 'kids' | 'teen';
}

/** Invented titles and authors, so no real book is misrepresented. */
export const BOOKS: readonly Book[] = [
	{ title: "The Lantern Keeper's Daughter", author: 'Marisol Vance', shelf: 'adult' },
	{ title: 'Small Hours on Cedar Street', author: 'Tobias Renn', shelf: 'adult' },
	{ title: 'A Field Guide to Quiet Rivers', author: 'Hana Okafor', shelf: 'adult' },
	{ title: "The Clockmaker's Orchard", author: 'Elliot Marsh', shelf: 'adult' },
	{ title: 'North of the Prairie', author: 'Walt Jennings', shelf: 'adult' },
	{ title: 'The Year of Borrowed Light', author: 'Celeste Amari', shelf: 'adult' },
	{ title: 'Murder at the Maple Inn', author: 'Ruth Calloway', shelf: 'adult' },
	{ title: 'Salt & Cedar', author: 'Amaya Brooks', shelf: 'adult' },
	{ title: 'Kitchen Table Science', author: 'Lee Park', shelf: 'adult' },
	{ title: 'Ghosts of Route 9', author: 'Dev Castellano', shelf: 'teen' },
	{ title: 'Starlight Debate Club', author: 'Jordan Fisk', shelf: 'teen' },
	{ title: 'The Last Bus to Juniper', author: 'Kai Moreno', shelf: 'teen' },
	{ title: 'How to Raise a Dragon (Politely)', author: 'Nora Plum', shelf: 'kids' },
	{ title: 'Benny and the Big Blue Truck', author: 'Sam Ortega', shelf: 'kids' },
	{ title: 'The Robot Who Loved Soup', author: 'Ivy Chen', shelf: 'kids' },
	{ title: 'Pip Counts the Stars', author: 'Ada Lindqvist', shelf: 'kids' }
];

/** Local authors who give talks; their books are in BOOKS. */
export const VISITING_AUTHORS = [
	'Marisol Vance',
	'Tobias Renn',
	'Hana Okafor',
	'Walt Jennings',
	'Celeste Amari',
	'Ruth Calloway',
	'Amaya Brooks',
	'Dev Castellano'
] as const;

export const PARTNERS = [
	{ name: 'Maple Valley School District', handle: 'MVSchools' },
	{ name: 'Maple Valley Parks & Rec', handle: 'MVParksRec' },
	{ name: 'Friends of the Maple Valley Library', handle: 'FriendsMVPL' },
	{ name: 'Riverside Community Center', handle: 'RiversideCC_MV' },
	{ name: 'Maple Valley Food Pantry', handle: 'MVFoodPantry' },
	{ name: 'Valley Credit Union', handle: 'ValleyCU' }
] as const;
