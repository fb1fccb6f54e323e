import { localDate } from '../../calendar';
import type { CampaignRule, ManualDecision, PostForMatching } from './rules';
import {
	accountKey,
	compareText,
	findPhrase,
	hashtagKey,
	hostWithin,
	linkHost,
	mentionedAccounts,
	parseLink,
	phraseWords,
	postHashtags,
	urlsInText,
	words
} from './text';

export interface PostForAssignment extends PostForMatching {
	hashtags: string[];
	/** The post's own address on the platform; never read as a link the post shares. */
	permalink: string | null;
	/** The partner's account when a partner published the post as a collaboration (Meta exports). */
	collaborator?: string | null;
}

export interface Assignment {
	campaignId: string;
	/** Why the post is in the campaign, for people: 'hashtag #maplesummerreads', 'keyword "summer reading"', 'manual'. */
	rule: string;
	manual: boolean;
}

/** What a post offers the rules, read once per post. */
interface PostSignals {
	date: string | null;
	hashtags: Set<string>;
	words: string[];
	hosts: string[];
	utmCampaigns: Set<string>;
	mentions: Set<string>;
	collaborator: string | null;
}

function readPost(post: PostForAssignment, timeZone: string): PostSignals {
	const urls = [...(post.links ?? []), ...urlsInText(post.text)]
		.map(parseLink)
		.filter((url): url is URL => url !== null);
	return {
		date: localDate(post.publishedAt, timeZone),
		hashtags: new Set(postHashtags(post.hashtags, post.text)),
		words: words(post.text),
		hosts: urls.map(linkHost),
		utmCampaigns: new Set(
			urls.map((url) => url.searchParams.get('utm_campaign')?.trim().toLowerCase() ?? '').filter(Boolean)
		),
		mentions: new Set(mentionedAccounts(post.text)),
		collaborator: post.collaborator ? accountKey(post.collaborator) : null
	};
}

/**
 * The first rule of the campaign the post meets, or null. Rules are tried strongest first
 * (hashtag, utm_campaign, link, keyword, partner) so the label shows the most deliberate signal.
 */
function matchedRule(campaign: CampaignRule, post: PostSignals): string | null {
	if (post.date === null || post.date < campaign.startsOn || post.date > campaign.endsOn) return null;
	for (const tag of campaign.hashtags) if (post.hashtags.has(hashtagKey(tag))) return `hashtag #${hashtagKey(tag)}`;
	for (const value of campaign.utmCampaigns)
		if (post.utmCampaigns.has(value.trim().toLowerCase())) return `utm_campaign ${value.trim()}`;
	for (const domain of campaign.linkDomains) {
		const wanted = ruleDomain(domain);
		if (wanted && post.hosts.some((host) => hostWithin(host, wanted))) return `link ${wanted}`;
	}
	for (const keyword of campaign.keywords)
		if (findPhrase(post.words, phraseWords(keyword)) !== null) return `keyword "${keyword.trim()}"`;
	for (const account of campaign.partnerAccounts) {
		const partner = accountKey(account);
		if (post.collaborator === partner) return `collaboration with @${account.trim().replace(/^@+/, '')}`;
		if (post.mentions.has(partner)) return `partner @${account.trim().replace(/^@+/, '')}`;
	}
	return null;
}

/** A rule's domain as staff may paste it ("https://www.example.org/events") reduced to its host. */
function ruleDomain(domain: string): string | null {
	const url = parseLink(domain);
	return url ? linkHost(url) : null;
}

/** The last decision per campaign for this post wins, so pass decisions oldest first. */
function decisionsFor(post: PostForAssignment, manual: readonly ManualDecision[]): Map<string, 'add' | 'remove'> {
	const decisions = new Map<string, 'add' | 'remove'>();
	for (const decision of manual) {
		if (decision.platform === post.platform && decision.postId === post.postId)
			decisions.set(decision.campaignId, decision.action);
	}
	return decisions;
}

/** Campaigns in a stable order: earliest start first, then name, then id. */
function byCampaignOrder(a: CampaignRule, b: CampaignRule): number {
	return compareText(a.startsOn, b.startsOn) || compareText(a.name, b.name) || compareText(a.id, b.id);
}

/**
 * The campaigns a post belongs to, with the rule that put it there. Automatic rules only apply
 * inside the campaign's window (the post's date in the library's time zone); a manual add or
 * remove overrides them either way, whatever the date. Decisions for campaigns not in
 * `campaigns` (deleted or archived) are ignored.
 */
export function assignPostToCampaigns(
	post: PostForAssignment,
	campaigns: readonly CampaignRule[],
	manual: readonly ManualDecision[],
	timeZone: string
): Assignment[] {
	const signals = readPost(post, timeZone);
	const decisions = decisionsFor(post, manual);
	const assignments: Assignment[] = [];
	for (const campaign of [...campaigns].sort(byCampaignOrder)) {
		const decision = decisions.get(campaign.id);
		if (decision === 'remove') continue;
		if (decision === 'add') {
			assignments.push({ campaignId: campaign.id, rule: 'manual', manual: true });
			continue;
		}
		const rule = matchedRule(campaign, signals);
		if (rule !== null) assignments.push({ campaignId: campaign.id, rule, manual: false });
	}
	return assignments;
}

/**
 * The strategy a post takes from its campaigns: a hand-added campaign first, otherwise the
 * first campaign in assignment order (earliest start). Null when the post has no campaign.
 */
export function strategyFromCampaigns(
	assignments: readonly Assignment[],
	campaigns: readonly CampaignRule[]
): CampaignRule['strategy'] | null {
	const chosen = assignments.find((assignment) => assignment.manual) ?? assignments[0];
	if (!chosen) return null;
	return campaigns.find((campaign) => campaign.id === chosen.campaignId)?.strategy ?? null;
}
