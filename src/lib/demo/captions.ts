/** What the library's social posts say: a headline and a detail per topic, shaped per platform. */
import { dayParts, type Day } from '../calendar';
import type { Campaign } from './campaigns';
import { firstSummerMonday } from './literacy';
import { BOOKS, PARTNERS, VISITING_AUTHORS, type Branch } from './library';
import type { Random } from './random';

export type Platform = 'x' | 'facebook' | 'instagram';

export type Topic =
	| 'storytime'
	| 'technology'
	| 'author_talk'
	| 'book_pick'
	| 'patron_story'
	| 'reply'
	| 'partner'
	| 'hours'
	| 'summer_reading'
	| 'library_card'
	| 'digital';

export interface CaptionContext {
	random: Random;
	platform: Platform;
	topic: Topic;
	branch: Branch;
	day: Day;
	campaign: Campaign | null;
	/** The post links out (X link post, Facebook "Links" post). */
	link: string | null;
}

const STORYTIME_DAY: Record<Branch, string> = { Central: 'Wednesday', Eastside: 'Tuesday', Riverside: 'Thursday' };
const PATRONS = ['Rosa', 'Marcus', 'Linh', 'Deb', 'Omar', 'Grace', 'Tomás', 'Aaliyah'] as const;
const REPLY_HANDLES = [
	'jenreadsalot',
	'mv_dad_of3',
	'PrairieBookworm',
	'coach_hadley',
	'MVHSlibrary',
	'kat_in_mv'
] as const;

/** Headline and detail lines for a topic; `{…}` tokens are filled from the context. */
function lines(ctx: CaptionContext): [string, string] {
	const { random: r, branch } = ctx;
	const book = r.pick(BOOKS);
	const partner = r.pick(PARTNERS);
	const patron = r.pick(PATRONS);
	switch (ctx.topic) {
		case 'storytime':
			return [
				r.pick([
					`Storytime is back at ${branch} this ${STORYTIME_DAY[branch]}! Songs, stories & wiggles for ages 0-5.`,
					`This week at ${branch} storytime: "${book.shelf === 'kids' ? book.title : 'Pip Counts the Stars'}", a parachute, and a lot of giggles.`,
					`Little readers, big imaginations. Join us ${STORYTIME_DAY[branch]} at 10:30 at ${branch}.`,
					`No registration, no cost, just stories. ${branch} storytime, ${STORYTIME_DAY[branch]} mornings.`
				]),
				r.pick([
					'Early literacy starts with talking, singing and reading together.',
					'Strollers welcome; grown-ups, bring your best animal noises.',
					'Stay after for play time and a new stack of picture books.'
				])
			];
		case 'technology':
			return [
				r.pick([
					'Free tech help at Central: this month, smartphones, email and staying safe online.',
					'New to Excel? Our hands-on workshop has a few seats left.',
					'Scammers are getting smarter, so are we. Join our Online Safety & Scams class.',
					'Bring your device and your questions to Tech Help at Riverside.'
				]),
				r.pick([
					'Registration is required; seats fill fast.',
					'Join in person or online.',
					'Laptops available to borrow during class.'
				])
			];
		case 'author_talk': {
			const author = r.pick(VISITING_AUTHORS);
			const title = BOOKS.find((b) => b.author === author)?.title ?? 'a new book';
			return [
				`Author talk: ${author} joins us at Central to talk about "${title}".`,
				r.pick([
					'Q&A, signing, and cookies from the Friends.',
					'Join in person or watch the livestream.',
					'Registration opens today.'
				])
			];
		}
		case 'book_pick':
			return [
				r.pick([
					`Staff pick: "${book.title}" by ${book.author}. ${r.pick(['Cozy, clever and a little heartbreaking.', 'Read it in one sitting, no regrets.', 'Perfect for a snowy weekend.'])}`,
					`What we're reading: ${book.title}, ${book.author}.`,
					`Looking for your next read? Try "${book.title}" by ${book.author}.`
				]),
				r.pick([
					'Place a hold with your library card.',
					'Also on Libby as an ebook.',
					'Ask at any desk for more like it.'
				])
			];
		case 'patron_story':
			return [
				r.pick([
					`"I found my first job here," says ${patron}, who used our computer lab every week last fall.`,
					`Meet ${patron}: ESL Conversation Circle regular, now helping new members practice English.`,
					`${patron} read 52 books last year, one for every week, and shared a favorite with us.`,
					`"The library was the only quiet place I could study," ${patron} told us after passing the GED.`
				]),
				r.pick([
					'Every card has a story. What is yours?',
					'Thank you for letting us share it.',
					'Stories like this are why we do this work.'
				])
			];
		case 'reply':
			return [
				`@${r.pick(REPLY_HANDLES)} ${r.pick([
					'Thank you so much! See you at storytime.',
					"Great question: yes, you can renew up to 3 times unless there's a hold.",
					'So glad you enjoyed it, we will pass it on to the team.',
					'Yes! Libby works with your Maple Valley card, just sign in with the number on the back.'
				])}`,
				''
			];
		case 'partner':
			return [
				r.pick([
					`Thanks to @${partner.handle} for partnering with us this month!`,
					`Shout-out to ${partner.name}, great partners & great neighbors.`,
					`Find us with ${partner.name} this weekend: free books for kids while they last.`
				]),
				'Stronger together, Maple Valley.'
			];
		case 'hours':
			return [
				r.pick([
					'Heads up: all branches close at 5 pm on Friday for staff training.',
					'Holiday hours: closed Thursday and Friday; book drops stay open.',
					'Riverside is open late on Tuesdays and Thursdays, until 8 pm.'
				]),
				'Your digital library never closes.'
			];
		case 'summer_reading':
			return summerLines(ctx);
		case 'library_card':
			return [
				r.pick([
					'September is Library Card Sign-up Month! A free card opens up books, movies, museum passes & more.',
					'Back to school? Make sure your student has a library card, sign up in five minutes.',
					`Card sign-up tables at school open houses all month, with ${PARTNERS[0].name}.`
				]),
				'All you need is an ID and proof of address.'
			];
		case 'digital':
			return [
				r.pick([
					'New on Libby this week: 40 fresh audiobooks.',
					'Did you know? Your card gets you free streaming movies on Kanopy.',
					'Museum passes are back: reserve one online with your card.'
				]),
				'Log in with your library card number and PIN.'
			];
	}
}

/** Summer posts follow the program's calendar: sign-ups, then weekly shows and prizes, then the finale. */
function summerLines(ctx: CaptionContext): [string, string] {
	const { random: r } = ctx;
	const year = dayParts(ctx.day).year;
	const week = Math.floor((ctx.day - firstSummerMonday(year)) / 7) + 1;
	const headline =
		week <= 1
			? r.pick([
					`Summer Reading ${year} starts soon! Read, log, and win prizes.`,
					`Summer Reading ${year} is ON! Sign up at any branch or online, for readers of every age.`
				])
			: week <= 8
				? r.pick([
						`Week ${week} prize reveal: log 5 hours of reading and pick a free book!`,
						'Summer reading is in full swing. Have you logged your minutes this week?',
						"Reptiles, magicians and puppets: see this week's summer show schedule."
					])
				: r.pick([
						`Last call: log your Summer Reading ${year} minutes by Friday!`,
						'See you at the Summer Reading Finale Celebration, Saturday at Central.'
					]);
	if (!ctx.campaign) return [headline, 'Sign up at any branch.'];
	const partnerLine = r.pick([
		'Partnered with Maple Valley School District: every student can join.',
		'Thank you @MVSchools for sending reading logs home with every Maple Valley student!'
	]);
	return [headline, partnerLine];
}

/** The caption as the platform's export shows it. */
export function caption(ctx: CaptionContext, hashtags: readonly string[]): string {
	const [headline, detail] = lines(ctx);
	const tags = hashtags.map((tag) => `#${tag}`).join(' ');
	const r = ctx.random;
	if (ctx.platform === 'x') {
		const parts = [headline];
		if (detail && r.chance(0.35)) parts.push(detail);
		let text = parts.join(' ');
		if (ctx.link) text += ` ${ctx.link}`;
		if (tags) text += r.chance(0.3) ? `\n\n${tags}` : ` ${tags}`;
		if (text.length > 280) text = `${headline} ${tags}`.trim();
		// The legacy export HTML-escapes ampersands.
		return text.replaceAll('&', '&amp;');
	}
	if (ctx.platform === 'facebook') {
		const body = detail ? `${headline}\n\n${detail}` : headline;
		const link = ctx.link ? `\n${ctx.link}` : '';
		return `${body}${link}${tags ? `\n\n${tags}` : ''}`;
	}
	const outro = r.chance(0.4) ? '\n\nLink in bio.' : '';
	return `${headline} ${detail}${outro}${tags ? `\n.\n.\n${tags}` : ''}`.trim();
}
