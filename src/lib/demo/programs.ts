/**
 * The demo library's program calendar: which events happen, when and where, and how many people
 * each would draw on an ordinary day. Turning that into LibCal rows is libcal.ts's job.
 */
import { dayOf, dayParts, nthWeekday, weekday, type Day } from './calendar';
import { firstSummerMonday, SUMMER_YEARS } from './literacy';
import { BOOKS, VISITING_AUTHORS, type Branch } from './library';
import type { Random } from './random';

export type ProgramKind =
	| 'storytime'
	| 'technology'
	| 'author_talk'
	| 'summer_reading'
	| 'teen'
	| 'book_club'
	| 'book_sale'
	| 'outreach';

export interface PlannedEvent {
	kind: ProgramKind;
	title: string;
	description: string;
	day: Day;
	/** Minutes after local midnight; null for an all-day event. */
	start: number | null;
	minutes: number;
	branch: Branch;
	location: string;
	organizer: string;
	presenter: string;
	audiences: string[];
	categories: string[];
	internalTags: string[];
	/** In-person attendance (drop-in) or sign-up demand (registered) on an ordinary day. */
	expectedInPerson: number;
	/** Online sign-up demand; 0 when the event is not streamed. */
	expectedOnline: number;
	registration: { inPersonSeats: number; onlineSeats: number } | null;
	anticipated: number;
}

interface Storytime {
	branch: Branch;
	weekday: number;
	start: number;
	title: string;
	room: string;
	presenters: readonly string[];
	audiences: string[];
	attendance: number;
}

const STORYTIMES: readonly Storytime[] = [
	{ branch: 'Central', weekday: 3, start: 630, title: 'Preschool Storytime', room: "Children's Program Room", presenters: ['Ms. Alvarez', 'Mr. Greene'], audiences: ['Preschool', 'Families'], attendance: 30 },
	{ branch: 'Central', weekday: 6, start: 630, title: 'Family Storytime', room: "Children's Program Room", presenters: ['Mr. Greene'], audiences: ['Babies & Toddlers', 'Preschool', 'Families'], attendance: 24 },
	{ branch: 'Eastside', weekday: 2, start: 630, title: 'Preschool Storytime', room: 'Storytime Room', presenters: ['Ms. Okoye'], audiences: ['Preschool', 'Families'], attendance: 22 },
	{ branch: 'Riverside', weekday: 4, start: 600, title: 'Baby & Toddler Storytime', room: 'Community Room', presenters: ['Ms. Patel'], audiences: ['Babies & Toddlers', 'Families'], attendance: 14 }
];

/** January … December: summer crowds, a December lull. */
export const STORYTIME_SEASON = [0.93, 0.95, 1.0, 1.0, 0.9, 1.15, 1.12, 0.95, 1.0, 1.05, 1.0, 0.85];

const TECH_TOPICS = [
	'Smartphone Basics',
	'Email Essentials',
	'Excel for Beginners',
	'Online Safety & Scams',
	'Canva for Beginners',
	'Getting Started with Libby',
	'Job Searching Online',
	'Google Docs Basics',
	'Photo Organizing on Your Phone',
	'Intro to AI Chatbots',
	'Video Calls with Family'
] as const;

const PERFORMERS = [
	'Wild Wonders Reptile Show',
	"Mr. Ray's Magic & Mayhem",
	'Prairie Puppet Theater',
	'Juggling with Jen',
	'Bubble Science Live',
	'Drum Circle with Kofi Mensah',
	'The Great Paper Airplane Challenge',
	'Lumberjack Larry, Storyteller'
] as const;

/** Closed days (and storytime breaks) for the library. */
export function isClosed(day: Day): boolean {
	const { year, month, date } = dayParts(day);
	const thanksgiving = nthWeekday(year, 11, 4, 4);
	return (
		(month === 1 && date === 1) ||
		(month === 7 && date === 4) ||
		(month === 12 && (date === 24 || date === 25 || date === 31)) ||
		day === thanksgiving ||
		day === thanksgiving + 1 ||
		day === nthWeekday(year, 9, 1, 1) || // Labor Day
		day === nthWeekday(year, 6, 1, 1) - 7 // Memorial Day: the Monday before June's first Monday
	);
}

function onStorytimeBreak(day: Day): boolean {
	const { month, date } = dayParts(day);
	return (month === 12 && date >= 20) || (month === 1 && date <= 5) || (month === 8 && date >= 16);
}

export function planPrograms(from: Day, to: Day, random: Random): PlannedEvent[] {
	const events: PlannedEvent[] = [];
	const html = (text: string) => `<p>${text}</p>`;

	for (let day = from; day <= to; day++) {
		if (isClosed(day)) continue;
		const { year, month } = dayParts(day);
		const dow = weekday(day);

		for (const story of STORYTIMES) {
			if (story.weekday !== dow || onStorytimeBreak(day)) continue;
			events.push({
				kind: 'storytime', title: story.title, day, start: story.start, minutes: 30, branch: story.branch,
				description: html(`Stories, songs and rhymes for young children and their grown-ups. No registration needed.`),
				location: story.room, organizer: 'Youth Services', presenter: random.pick(story.presenters),
				audiences: story.audiences, categories: ['Literacy > Storytimes'], internalTags: ['Early literacy', 'Drop-in'],
				expectedInPerson: story.attendance * (STORYTIME_SEASON[month - 1] ?? 1), expectedOnline: 0,
				registration: null, anticipated: story.attendance
			});
		}

		if (month !== 12 && day === nthWeekday(year, month, 2, 2)) {
			const topic = TECH_TOPICS[(year * 12 + month) % TECH_TOPICS.length] ?? 'Smartphone Basics';
			const hybrid = random.chance(0.5);
			events.push({
				kind: 'technology', title: `Tech Workshop: ${topic}`, day, start: 1080, minutes: 90, branch: 'Central',
				description: html('A hands-on class for beginners. Bring your own device or borrow one of ours.'),
				location: 'Computer Lab', organizer: 'Adult Services', presenter: random.pick(['Jamal Reyes', 'Dana Kowalski']),
				audiences: ['Adults', 'Seniors'], categories: ['Technology > Workshops'],
				internalTags: hybrid ? ['Digital literacy', 'Hybrid'] : ['Digital literacy'],
				expectedInPerson: 13, expectedOnline: hybrid ? 14 : 0,
				registration: { inPersonSeats: 14, onlineSeats: hybrid ? 25 : 0 }, anticipated: 14
			});
		}

		if (month % 2 === 1 && dow === 6 && day + 7 > dayOf(year, month + 1, 1)) {
			events.push({
				kind: 'technology', title: 'Tech Help Drop-In', day, start: 780, minutes: 120, branch: 'Riverside',
				description: html('Bring your phone, tablet or laptop questions. One-on-one help, first come, first served.'),
				location: 'Community Room', organizer: 'Adult Services', presenter: 'Dana Kowalski',
				audiences: ['Adults', 'Seniors'], categories: ['Technology > Drop-in Help'], internalTags: ['Digital literacy', 'Drop-in'],
				expectedInPerson: 9, expectedOnline: 0, registration: null, anticipated: 10
			});
		}

		if ([2, 4, 10, 11].includes(month) && day === nthWeekday(year, month, 4, 3)) {
			const author = VISITING_AUTHORS[events.filter((e) => e.kind === 'author_talk').length % VISITING_AUTHORS.length] ?? 'Marisol Vance';
			const book = BOOKS.find((b) => b.author === author)?.title ?? 'her new novel';
			events.push({
				kind: 'author_talk', title: `Author Talk: ${author} on "${book}"`, day, start: 1110, minutes: 75, branch: 'Central',
				description: html(`${author} reads from <em>${book.replace('&', '&amp;')}</em>, then takes questions. Books available for signing, courtesy of the Friends of the Library.`),
				location: 'Community Room A', organizer: 'Adult Services', presenter: author,
				audiences: ['Adults'], categories: ['Author Talks'], internalTags: ['Hybrid', 'Friends funded'],
				expectedInPerson: 52, expectedOnline: 30, registration: { inPersonSeats: 80, onlineSeats: 150 }, anticipated: 70
			});
		}

		if (dow === 4 && day === nthWeekday(year, month, 4, 1) && month !== 7) {
			events.push(club('teen', 'Teen Advisory Board', day, 990, 60, 'Central', 'Teen Space', ['Teens'], ['Teens > Clubs'], 9));
		}
		if (dow === 5 && day === nthWeekday(year, month, 5, 3) && month !== 12) {
			events.push(club('teen', 'Teen Gaming Afternoon', day, 930, 120, 'Riverside', 'Community Room', ['Teens'], ['Teens > Gaming'], 14));
		}
		if (dow === 1 && day === nthWeekday(year, month, 1, 3)) {
			const book = BOOKS.filter((b) => b.shelf === 'adult')[(year * 12 + month) % 9]?.title ?? 'a new novel';
			events.push(club('book_club', `Eastside Evening Book Club: ${book}`, day, 1110, 60, 'Eastside', 'Meeting Room', ['Adults'], ['Book Clubs'], 11));
		}
		if (dow === 4 && day === nthWeekday(year, month, 4, 2)) {
			events.push(club('book_club', 'Mystery Book Club', day, 840, 60, 'Central', 'Reading Lounge', ['Adults', 'Seniors'], ['Book Clubs'], 13));
		}

		if ((month === 4 || month === 10) && day === nthWeekday(year, month, 6, 3)) {
			events.push({
				kind: 'book_sale', title: 'Friends of the Library Book Sale', day, start: null, minutes: 0, branch: 'Central',
				description: html('Thousands of gently used books, DVDs and puzzles. Cash, card, or a bag for $5 after 2 pm.'),
				location: 'Community Room A', organizer: 'Friends of the Maple Valley Library', presenter: '',
				audiences: ['Adults', 'Families'], categories: ['Fundraising'], internalTags: ['Friends funded'],
				expectedInPerson: 420, expectedOnline: 0, registration: null, anticipated: 400
			});
		}
		if (month === 9 && day === nthWeekday(year, 9, 6, 2)) {
			events.push({
				kind: 'outreach', title: 'Library Card Sign-Up Table at Maple Valley Fall Fest', day, start: null, minutes: 0, branch: 'Riverside',
				description: html('Find us at Riverside Park: sign up for a card, renew yours, and spin the prize wheel.'),
				location: 'Riverside Park (offsite)', organizer: 'Community Engagement', presenter: '',
				audiences: ['Families', 'Adults', 'Kids'], categories: ['Outreach'], internalTags: ['Offsite', 'Library cards'],
				expectedInPerson: 160, expectedOnline: 0, registration: null, anticipated: 150
			});
		}
	}

	for (const year of SUMMER_YEARS) events.push(...planSummerReading(year, from, to, random));
	return events.sort((a, b) => a.day - b.day || (a.start ?? -1) - (b.start ?? -1) || a.branch.localeCompare(b.branch));
}

function club(kind: ProgramKind, title: string, day: Day, start: number, minutes: number, branch: Branch, location: string, audiences: string[], categories: string[], attendance: number): PlannedEvent {
	const what = kind === 'teen' ? 'Snacks provided. Grades 6-12.' : 'New members always welcome; copies at the front desk.';
	return {
		kind, title, day, start, minutes, branch, location, audiences, categories,
		description: `<p>${what}</p>`, organizer: kind === 'teen' ? 'Teen Services' : 'Adult Services', presenter: '',
		internalTags: [kind === 'teen' ? 'Teens' : 'Adult programs'], expectedInPerson: attendance, expectedOnline: 0,
		registration: null, anticipated: attendance
	};
}

function planSummerReading(year: number, from: Day, to: Day, random: Random): PlannedEvent[] {
	const kickoff = nthWeekday(year, 6, 6, 1);
	const performerDays: Record<Branch, number> = { Central: 2, Eastside: 1, Riverside: 3 };
	const kickoffs: [Branch, number, number, number][] = [['Central', 600, 240, 260], ['Eastside', 600, 120, 150], ['Riverside', 780, 120, 100]];
	const summer = {
		audiences: ['Families', 'Kids', 'Teens', 'Adults'], categories: ['Summer Reading'], organizer: 'Youth Services',
		internalTags: ['Summer Reading', 'Drop-in'], expectedOnline: 0, registration: null
	};
	const events: PlannedEvent[] = kickoffs.map(([branch, start, minutes, crowd]) => ({
		...summer, kind: 'summer_reading', title: 'Summer Reading Kickoff Party', day: kickoff, start, minutes, branch,
		description: '<p>Sign up for Summer Reading, get your reading log, and enjoy games, face painting and snacks.</p>',
		location: branch === 'Central' ? 'Front Lawn' : 'Community Room', presenter: '', expectedInPerson: crowd, anticipated: crowd
	}));
	const perWeek: Record<Branch, number> = { Central: 55, Eastside: 38, Riverside: 28 };
	for (let week = 1; week <= 6; week++) {
		for (const branch of ['Central', 'Eastside', 'Riverside'] as const) {
			const performer = PERFORMERS[(week + (year % 3) * 2 + performerDays[branch]) % PERFORMERS.length] ?? 'Juggling with Jen';
			events.push({
				...summer, kind: 'summer_reading', title: `Summer Reading Performer: ${performer}`,
				day: firstSummerMonday(year) + week * 7 + performerDays[branch], start: 840, minutes: 60, branch,
				description: '<p>A free summer show for the whole family. Seating is first come, first served.</p>',
				location: 'Community Room', presenter: performer,
				expectedInPerson: perWeek[branch] * random.uniform(0.9, 1.1), anticipated: perWeek[branch]
			});
		}
	}
	const finale = nthWeekday(year, 8, 6, 2);
	events.push({
		...summer, kind: 'summer_reading', title: 'Summer Reading Finale Celebration', day: finale, start: 660, minutes: 120,
		branch: 'Central', description: '<p>Celebrate every reader who finished: prize drawings, a bounce house and ice cream.</p>',
		location: 'Front Lawn', presenter: '', expectedInPerson: 280, anticipated: 300
	});
	return events.filter((event) => event.day >= from && event.day <= to && !isClosed(event.day));
}
