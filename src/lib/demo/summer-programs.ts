/** Each summer's reading program events: kickoff parties, weekly performers, the finale. */
import { nthWeekday } from './calendar';
import { firstSummerMonday } from './literacy';
import type { Branch } from './library';
import type { PlannedEvent } from './programs';
import type { Random } from './random';

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

export function planSummerReading(year: number, random: Random): PlannedEvent[] {
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
	return events;
}
