/** Each summer's reading program events: kickoff parties, weekly performers, the finale. */
import { nthWeekday } from './calendar';
import { firstSummerMonday } from './literacy';
import { BRANCHES, type Branch } from './library';
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

/** Per branch: kickoff start, length and crowd; the weekday of its performer show; the show crowd. */
const BRANCH_SUMMER: Record<Branch, { kickoff: [number, number, number]; showDay: number; showCrowd: number }> = {
	Central: { kickoff: [600, 240, 260], showDay: 2, showCrowd: 55 },
	Eastside: { kickoff: [600, 120, 150], showDay: 1, showCrowd: 38 },
	Riverside: { kickoff: [780, 120, 100], showDay: 3, showCrowd: 28 }
};

/** Kickoff on the first Saturday of June, six weeks of shows, finale on the second Saturday of August. */
export function planSummerReading(year: number, random: Random): PlannedEvent[] {
	const summer = {
		kind: 'summer_reading',
		audiences: ['Families', 'Kids', 'Teens', 'Adults'],
		categories: ['Summer Reading'],
		organizer: 'Youth Services',
		internalTags: ['Summer Reading', 'Drop-in'],
		expectedOnline: 0,
		registration: null
	} as const;
	const copy = {
		audiences: [...summer.audiences],
		categories: [...summer.categories],
		internalTags: [...summer.internalTags]
	};
	const events: PlannedEvent[] = [];

	for (const branch of BRANCHES) {
		const [start, minutes, crowd] = BRANCH_SUMMER[branch].kickoff;
		events.push({
			...summer,
			...copy,
			title: 'Summer Reading Kickoff Party',
			description:
				'<p>Sign up for Summer Reading, get your reading log, and enjoy games, face painting and snacks.</p>',
			day: nthWeekday(year, 6, 6, 1),
			start,
			minutes,
			branch,
			location: branch === 'Central' ? 'Front Lawn' : 'Community Room',
			presenter: '',
			expectedInPerson: crowd,
			anticipated: crowd
		});
	}
	for (let week = 1; week <= 6; week++) {
		for (const branch of BRANCHES) {
			const { showDay, showCrowd } = BRANCH_SUMMER[branch];
			const performer = PERFORMERS[(week + (year % 3) * 2 + showDay) % PERFORMERS.length] ?? 'Juggling with Jen';
			events.push({
				...summer,
				...copy,
				title: `Summer Reading Performer: ${performer}`,
				description: '<p>A free summer show for the whole family. Seating is first come, first served.</p>',
				day: firstSummerMonday(year) + week * 7 + showDay,
				start: 840,
				minutes: 60,
				branch,
				location: 'Community Room',
				presenter: performer,
				expectedInPerson: showCrowd * random.uniform(0.9, 1.1),
				anticipated: showCrowd
			});
		}
	}
	events.push({
		...summer,
		...copy,
		title: 'Summer Reading Finale Celebration',
		description: '<p>Celebrate every reader who finished: prize drawings, a bounce house and ice cream.</p>',
		day: nthWeekday(year, 8, 6, 2),
		start: 660,
		minutes: 120,
		branch: 'Central',
		location: 'Front Lawn',
		presenter: '',
		expectedInPerson: 280,
		anticipated: 300
	});
	return events;
}
