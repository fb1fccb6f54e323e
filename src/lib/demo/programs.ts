/**
 * The demo library's program calendar: which events happen, when and where, and how many people
 * each would draw on an ordinary day. Turning that into LibCal rows is libcal.ts's job.
 */
import { dayOf, dayParts, weekday, type Day } from '../calendar';
import { nthWeekday } from './calendar';
import { SUMMER_YEARS } from './literacy';
import { planSummerReading } from './summer-programs';
import { BOOKS, VISITING_AUTHORS, type Branch } from './library';
import type { Random } from './random';

export type ProgramKind =
	'storytime' | 'technology' | 'author_talk' | 'summer_reading' | 'teen' | 'book_club' | 'book_sale' | 'outreach';

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
	{
		branch: 'Central',
		weekday: 3,
		start: 630,
		title: 'Preschool Storytime',
		room: "Children's Program Room",
		presenters: ['Ms. Alvarez', 'Mr. Greene'],
		audiences: ['Preschool', 'Families'],
		attendance: 30
	},
	{
		branch: 'Central',
		weekday: 6,
		start: 630,
		title: 'Family Storytime',
		room: "Children's Program Room",
		presenters: ['Mr. Greene'],
		audiences: ['Babies & Toddlers', 'Preschool', 'Families'],
		attendance: 24
	},
	{
		branch: 'Eastside',
		weekday: 2,
		start: 630,
		title: 'Preschool Storytime',
		room: 'Storytime Room',
		presenters: ['Ms. Okoye'],
		audiences: ['Preschool', 'Families'],
		attendance: 22
	},
	{
		branch: 'Riverside',
		weekday: 4,
		start: 600,
		title: 'Baby & Toddler Storytime',
		room: 'Community Room',
		presenters: ['Ms. Patel'],
		audiences: ['Babies & Toddlers', 'Families'],
		attendance: 14
	}
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
	for (let day = from; day <= to; day++) {
		if (isClosed(day)) continue;
		for (const series of [storytimesOn, technologyOn, authorTalkOn, clubsOn, fundraisingAndOutreachOn]) {
			events.push(...series(day, random));
		}
	}
	for (const year of SUMMER_YEARS)
		events.push(
			...planSummerReading(year, random).filter((event) => event.day >= from && event.day <= to && !isClosed(event.day))
		);
	return events.sort((a, b) => a.day - b.day || (a.start ?? -1) - (b.start ?? -1) || a.branch.localeCompare(b.branch));
}

export const html = (text: string) => `<p>${text}</p>`;

function storytimesOn(day: Day, random: Random): PlannedEvent[] {
	if (onStorytimeBreak(day)) return [];
	const season = STORYTIME_SEASON[dayParts(day).month - 1] ?? 1;
	return STORYTIMES.filter((story) => story.weekday === weekday(day)).map((story) => ({
		kind: 'storytime',
		title: story.title,
		description: html('Stories, songs and rhymes for young children and their grown-ups. No registration needed.'),
		day,
		start: story.start,
		minutes: 30,
		branch: story.branch,
		location: story.room,
		organizer: 'Youth Services',
		presenter: random.pick(story.presenters),
		audiences: story.audiences,
		categories: ['Literacy > Storytimes'],
		internalTags: ['Early literacy', 'Drop-in'],
		expectedInPerson: story.attendance * season,
		expectedOnline: 0,
		registration: null,
		anticipated: story.attendance
	}));
}

/** A monthly workshop at Central (2nd Tuesday, not December); a drop-in at Riverside every other month. */
function technologyOn(day: Day, random: Random): PlannedEvent[] {
	const { year, month } = dayParts(day);
	const technology = {
		kind: 'technology',
		day,
		organizer: 'Adult Services',
		audiences: ['Adults', 'Seniors']
	} as const;
	if (month !== 12 && day === nthWeekday(year, month, 2, 2)) {
		const topic = TECH_TOPICS[(year * 12 + month) % TECH_TOPICS.length] ?? 'Smartphone Basics';
		const hybrid = random.chance(0.5);
		return [
			{
				...technology,
				audiences: [...technology.audiences],
				title: `Tech Workshop: ${topic}`,
				description: html('A hands-on class for beginners. Bring your own device or borrow one of ours.'),
				start: 1080,
				minutes: 90,
				branch: 'Central',
				location: 'Computer Lab',
				presenter: random.pick(['Jamal Reyes', 'Dana Kowalski']),
				categories: ['Technology > Workshops'],
				internalTags: hybrid ? ['Digital literacy', 'Hybrid'] : ['Digital literacy'],
				expectedInPerson: 13,
				expectedOnline: hybrid ? 14 : 0,
				registration: { inPersonSeats: 14, onlineSeats: hybrid ? 25 : 0 },
				anticipated: 14
			}
		];
	}
	const lastSaturday = weekday(day) === 6 && day + 7 >= dayOf(year, month + 1, 1);
	if (month % 2 === 1 && lastSaturday) {
		return [
			{
				...technology,
				audiences: [...technology.audiences],
				title: 'Tech Help Drop-In',
				description: html('Bring your phone, tablet or laptop questions. One-on-one help, first come, first served.'),
				start: 780,
				minutes: 120,
				branch: 'Riverside',
				location: 'Community Room',
				presenter: 'Dana Kowalski',
				categories: ['Technology > Drop-in Help'],
				internalTags: ['Digital literacy', 'Drop-in'],
				expectedInPerson: 9,
				expectedOnline: 0,
				registration: null,
				anticipated: 10
			}
		];
	}
	return [];
}

const AUTHOR_TALK_MONTHS = [2, 4, 10, 11];

/** Third Thursday of February, April, October and November, hybrid, at Central. */
function authorTalkOn(day: Day): PlannedEvent[] {
	const { year, month } = dayParts(day);
	if (!AUTHOR_TALK_MONTHS.includes(month) || day !== nthWeekday(year, month, 4, 3)) return [];
	const talkNumber = year * AUTHOR_TALK_MONTHS.length + AUTHOR_TALK_MONTHS.indexOf(month);
	const author = VISITING_AUTHORS[talkNumber % VISITING_AUTHORS.length] ?? 'Marisol Vance';
	const book = BOOKS.find((candidate) => candidate.author === author)?.title ?? 'a new book';
	return [
		{
			kind: 'author_talk',
			title: `Author Talk: ${author} on "${book}"`,
			description: html(
				`${author} reads from <em>${book.replace('&', '&amp;')}</em>, then takes questions. ` +
					'Books available for signing, courtesy of the Friends of the Library.'
			),
			day,
			start: 1110,
			minutes: 75,
			branch: 'Central',
			location: 'Community Room A',
			organizer: 'Adult Services',
			presenter: author,
			audiences: ['Adults'],
			categories: ['Author Talks'],
			internalTags: ['Hybrid', 'Friends funded'],
			expectedInPerson: 52,
			expectedOnline: 30,
			registration: { inPersonSeats: 80, onlineSeats: 150 },
			anticipated: 70
		}
	];
}

/** Monthly teen and book clubs; drop-in, no registration. */
function clubsOn(day: Day): PlannedEvent[] {
	const { year, month } = dayParts(day);
	const nth = (dow: number, n: number) => weekday(day) === dow && day === nthWeekday(year, month, dow, n);
	const clubs: PlannedEvent[] = [];
	if (nth(4, 1) && month !== 7) {
		clubs.push(
			club(
				'teen',
				'Teen Advisory Board',
				day,
				{ start: 990, minutes: 60, branch: 'Central', location: 'Teen Space' },
				['Teens'],
				['Teens > Clubs'],
				9
			)
		);
	}
	if (nth(5, 3) && month !== 12) {
		clubs.push(
			club(
				'teen',
				'Teen Gaming Afternoon',
				day,
				{ start: 930, minutes: 120, branch: 'Riverside', location: 'Community Room' },
				['Teens'],
				['Teens > Gaming'],
				14
			)
		);
	}
	if (nth(1, 3)) {
		const book =
			BOOKS.filter((candidate) => candidate.shelf === 'adult')[(year * 12 + month) % 9]?.title ?? 'a new novel';
		clubs.push(
			club(
				'book_club',
				`Eastside Evening Book Club: ${book}`,
				day,
				{ start: 1110, minutes: 60, branch: 'Eastside', location: 'Meeting Room' },
				['Adults'],
				['Book Clubs'],
				11
			)
		);
	}
	if (nth(4, 2)) {
		clubs.push(
			club(
				'book_club',
				'Mystery Book Club',
				day,
				{ start: 840, minutes: 60, branch: 'Central', location: 'Reading Lounge' },
				['Adults', 'Seniors'],
				['Book Clubs'],
				13
			)
		);
	}
	return clubs;
}

/** The all-day events: spring and autumn book sales, the Fall Fest card table. */
function fundraisingAndOutreachOn(day: Day): PlannedEvent[] {
	const { year, month } = dayParts(day);
	const allDay = { day, start: null, minutes: 0, presenter: '', expectedOnline: 0, registration: null } as const;
	if ((month === 4 || month === 10) && day === nthWeekday(year, month, 6, 3)) {
		return [
			{
				...allDay,
				kind: 'book_sale',
				title: 'Friends of the Library Book Sale',
				description: html('Thousands of gently used books, DVDs and puzzles. Cash, card, or a bag for $5 after 2 pm.'),
				branch: 'Central',
				location: 'Community Room A',
				organizer: 'Friends of the Maple Valley Library',
				audiences: ['Adults', 'Families'],
				categories: ['Fundraising'],
				internalTags: ['Friends funded'],
				expectedInPerson: 420,
				anticipated: 400
			}
		];
	}
	if (month === 9 && day === nthWeekday(year, 9, 6, 2)) {
		return [
			{
				...allDay,
				kind: 'outreach',
				title: 'Library Card Sign-Up Table at Maple Valley Fall Fest',
				description: html('Find us at Riverside Park: sign up for a card, renew yours, and spin the prize wheel.'),
				branch: 'Riverside',
				location: 'Riverside Park (offsite)',
				organizer: 'Community Engagement',
				audiences: ['Families', 'Adults', 'Kids'],
				categories: ['Outreach'],
				internalTags: ['Offsite', 'Library cards'],
				expectedInPerson: 160,
				anticipated: 150
			}
		];
	}
	return [];
}

interface Place {
	start: number;
	minutes: number;
	branch: Branch;
	location: string;
}

function club(
	kind: 'teen' | 'book_club',
	title: string,
	day: Day,
	place: Place,
	audiences: string[],
	categories: string[],
	attendance: number
): PlannedEvent {
	const teen = kind === 'teen';
	return {
		kind,
		title,
		description: html(teen ? 'Snacks provided. Grades 6-12.' : 'New members always welcome; copies at the front desk.'),
		day,
		...place,
		organizer: teen ? 'Teen Services' : 'Adult Services',
		presenter: '',
		audiences,
		categories,
		internalTags: [teen ? 'Teens' : 'Adult programs'],
		expectedInPerson: attendance,
		expectedOnline: 0,
		registration: null,
		anticipated: attendance
	};
}
