import type { StrategyRules, StrategyTerm } from './strategy-rules';

// Weights: 3 says the strategy almost by itself, 2 is a good hint, 1 only tips a close call.
// The default threshold of 2 means one weak word never labels a post on its own.
const terms = (weight: number, patterns: string[]): StrategyTerm[] => patterns.map((pattern) => ({ pattern, weight }));

/** The rules Lantern starts with; staff copy and edit them in settings. */
export const DEFAULT_STRATEGY_RULES: StrategyRules = {
	threshold: 2,
	strategies: {
		programs_showcase: [
			...terms(3, [
				'storytime*',
				'story time',
				'workshop*',
				'author talk*',
				'author visit*',
				'livestream*',
				'live stream*',
				'join us',
				'register*',
				'registration',
				'rsvp',
				'libcal',
				'eventbrite'
			]),
			...terms(2, [
				'event',
				'events',
				'program',
				'programs',
				'class',
				'classes',
				'camp',
				'camps',
				'craft*',
				'lego',
				'concert*',
				'movie night',
				'film screening',
				'performance*',
				'storytelling',
				'tech help',
				'sign up',
				'seats',
				'drop in',
				'happening'
			]),
			...terms(1, [
				'tonight',
				'tomorrow',
				'this week',
				'this weekend',
				'photos from',
				'video',
				'all ages',
				'free',
				'schedule'
			])
		],
		success_stories: [
			...terms(3, [
				'success stor*',
				'testimonial*',
				'thanks to the library',
				'thanks to our library',
				'because of the library',
				'patron story',
				'patron stories',
				'patron spotlight',
				'milestone*',
				'changed my life',
				'life changing',
				'ged',
				'citizenship',
				'first job',
				'new job'
			]),
			...terms(2, [
				'interview*',
				'congratulat*',
				'congrats',
				'proud of',
				'spotlight',
				'graduat*',
				'achiev*',
				'accomplish*',
				'journey',
				'says',
				'told us',
				'your story',
				'stories like this'
			]),
			...terms(1, ['meet', 'story', 'stories', 'celebrat*', 'inspir*', 'grateful', 'thank you for sharing', 'impact'])
		],
		community_engagement: [
			...terms(3, [
				'poll',
				'vote',
				'survey*',
				'let us know',
				'tell us',
				'we want to hear',
				'your feedback',
				'feedback',
				'comment below',
				'in the comments',
				'great question',
				'thanks for asking',
				'you asked',
				'what are you reading',
				'ask us'
			]),
			...terms(2, [
				"what's your",
				'what is your',
				'drop your',
				'caption this',
				'question*',
				'reply',
				'answer*',
				'share your thoughts',
				'weigh in'
			]),
			...terms(1, ['which', 'you can', 'yes', 'glad you'])
		],
		user_generated_content: [
			...terms(3, [
				'repost*',
				'regram*',
				'reshar*',
				'shared by',
				'photo by',
				'photo credit',
				'tag us',
				'use the hashtag',
				'use hashtag',
				'show us',
				'challenge*',
				'photo contest',
				'your photos',
				'thanks for sharing',
				'h t'
			]),
			...terms(2, ['shoutout', 'shout out', 'spotted', 'from our patrons', 'patron photo*', 'share your']),
			...terms(1, ['selfie*', 'snap*'])
		],
		book_recommendations: [
			...terms(3, [
				'staff pick*',
				'staffpick*',
				'reading list*',
				'book club*',
				'bookclub*',
				'book review*',
				'must read',
				'recommend*',
				'if you liked',
				'if you loved',
				'read alike*',
				'readalike*',
				'new release*',
				'book rec*',
				'bookrec*',
				'booktok',
				'bookstagram',
				'tbr',
				'next read',
				"what we're reading"
			]),
			...terms(2, [
				'novel*',
				'memoir*',
				'picture book*',
				'graphic novel*',
				'young adult',
				'fiction',
				'nonfiction',
				'non-fiction',
				'mystery',
				'mysteries',
				'thriller*',
				'fantasy',
				'romance',
				'sci-fi',
				'place a hold',
				'audiobook*',
				'ebook*',
				'genre*'
			]),
			...terms(1, ['book', 'books', 'read', 'reads', 'author', 'libby', 'hoopla', 'for kids', 'for teens'])
		],
		partner_collaborations: [
			...terms(3, [
				'in partnership with',
				'partnership*',
				'partnered with',
				'partnering with',
				'partners with',
				'in collaboration with',
				'collaborat*',
				'co-hosted',
				'cohosted',
				'co-sponsored',
				'sponsored by',
				'thanks to our partner*',
				'our partner*',
				'teamed up',
				'team up',
				'school district',
				'reading campaign*',
				'community read',
				'one book one*'
			]),
			...terms(2, [
				'partner*',
				'together with',
				'chamber of commerce',
				'museum',
				'parks & rec',
				'parks and rec*',
				'ymca',
				'head start',
				'literacy coalition',
				'friends of the',
				'credit union',
				'food pantry',
				'stronger together',
				'summer reading'
			]),
			...terms(1, ['school', 'schools', 'teacher*', 'neighbors', 'local'])
		]
	},
	signals: {
		reply: { strategy: 'community_engagement', weight: 4 },
		repost: { strategy: 'user_generated_content', weight: 4 },
		question: { strategy: 'community_engagement', weight: 1 },
		poll: { strategy: 'community_engagement', weight: 4 }
	}
};
