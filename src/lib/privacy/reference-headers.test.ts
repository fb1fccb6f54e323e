/**
 * No false positives on the exports Lantern is built for: the header lists of every platform's
 * section of docs/export-formats.md, pasted here, then the real and demo files with
 * their rows. Every one of them is aggregate or organisational data and must come back clean.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HAVE_REAL_FIXTURES, itWithRealFixtures, REAL_FIXTURES } from '../server/db/test-support';
import { parseCsv } from '../demo/csv';
import { readWorkbook, sheetToCsv } from '../server/ingest/readers';
import { detectPersonalColumns } from './detect';

const csv = (line: string) => parseCsv(`${line}\n`)[0]!.map((cell) => cell.value);
const list = (text: string) =>
	text
		.split(',')
		.map((cell) => cell.trim())
		.filter(Boolean);

const REFERENCE_HEADERS: Record<string, string[]> = {
	// §1a X legacy tweet activity, 2016–2023 and the 2015 "favorites" variant
	'X legacy tweet activity': csv(
		'"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks","app opens","app installs","follows","email tweet","dial phone","media views","media engagements","promoted impressions","promoted engagements","promoted engagement rate","promoted retweets","promoted replies","promoted likes","promoted user profile clicks","promoted url clicks","promoted hashtag clicks","promoted detail expands","promoted permalink clicks","promoted app opens","promoted app installs","promoted follows","promoted email tweet","promoted dial phone","promoted media views","promoted media engagements"'
	),
	'X legacy 2015 variant': ['favorites', 'promoted favorites'],
	'X legacy daily': list(
		'Date, Tweets published, impressions, engagements, engagement rate, retweets, replies, likes, user profile clicks, url clicks, hashtag clicks, detail expands, permalink clicks, app opens, app installs, follows, email tweet, dial phone, media views, media engagements'
	),
	// §1b X Premium
	'X Premium content': list(
		'Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks'
	),
	'X Premium content, early 2025': list(
		'Post id,Date,Post text,Link,Impressions,Likes,Engagements,Bookmarks,Share,New follows,Replies,Reposts,Profile visits,Detail expands,Url clicks,Hashtag clicks,Permalink clicks'
	),
	'X Premium account overview': list(
		'Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,Create Post,Video views,Media views'
	),
	'X Premium video overview': list(
		'Date,Views,Watch Time (ms),Completion Rate,Average Watch Time (ms),Estimated Revenue'
	),
	// §1c X archive before 2018
	'X archive tweets.csv': list(
		'tweet_id,in_reply_to_status_id,in_reply_to_user_id,timestamp,source,text,retweeted_status_id,retweeted_status_user_id,retweeted_status_timestamp,expanded_urls'
	),
	// §2a Meta Facebook posts, with Views and the earlier Impressions layout
	'Meta Facebook posts': csv(
		'"Post ID","Page ID","Page name",Title,Description,"Duration (sec)","Publish time","Caption type",Permalink,"Is crosspost","Is share","Post type",Languages,"Custom labels","Funded content status","Data comment",Date,Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,"Total clicks","Other Clicks","Matched Audience Targeting Consumption (Photo Click)"'
	),
	'Meta Facebook posts, Impressions era': [
		'Post ID',
		'Page ID',
		'Page name',
		'Title',
		'Description',
		'Duration (sec)',
		'Publish time',
		'Caption type',
		'Permalink',
		'Is crosspost',
		'Is share',
		'Post type',
		'Languages',
		'Custom labels',
		'Funded content status',
		'Data comment',
		'Date',
		'Impressions',
		'Reach',
		'Reactions, comments and shares',
		'Reactions',
		'Comments',
		'Shares',
		'Total clicks',
		'Other Clicks',
		'Matched Audience Targeting Consumption (Photo Click)',
		'Link Clicks',
		'Views',
		'reels_plays:count',
		'Seconds viewed',
		'Average Seconds viewed',
		'Estimated earnings (USD)'
	],
	'Meta localised variants': [
		'Publication time',
		'Range',
		'Is a Shared Post',
		'Is Crossposted',
		'Sponsored Content Status',
		'Organic Post Views',
		'Views of Promoted Posts',
		'Reach via Organic posts',
		'Reach via Promoted Posts',
		'3-second video views',
		'1-minute video views',
		'Seconds watched',
		'Average Seconds Watched',
		'Ad Impressions',
		'Ad views',
		'Advertising CPM (USD)',
		'Negative feedback from users',
		'Click on link',
		'IMPRESSION:UNIQUE_USERS',
		'Consumption corresponding to audience targeting (Photo Click)'
	],
	// §2b Instagram, both layouts; §2c per-metric
	'Meta Instagram posts': csv(
		'"Post ID","Account ID","Account username","Account name",Description,"Duration (sec)","Publish time",Permalink,"Post type","Data comment",Date,Views,Reach,Likes,Shares,Follows,Comments,Saves'
	),
	'Meta Instagram posts, Impressions era': csv(
		'"Post ID","Account ID","Account username","Description","Duration (sec)","Publish time","Permalink","Post type","Data comment","Date","Impressions","Reach","Likes","Comments","Saves","Shares","Follows"'
	),
	'Meta Instagram stories': csv(
		'"Post ID","Account ID","Account username","Account name",Description,"Duration (sec)","Publish time",Permalink,"Post type","Data comment",Date,Views,Reach,Likes,Shares,"Profile visits",Replies,"Link clicks","Sticker taps",Navigation,Follows'
	),
	'Meta per-metric': ['Date', 'Primary'],
	// §2d legacy Facebook Insights
	'Legacy Facebook Insights posts': list(
		'Post ID,Permalink,Post Message,Type,Countries,Languages,Posted,Audience Targeting,Lifetime Post Total Reach,Lifetime Post organic reach,Lifetime Post Paid Reach,Lifetime Post Total Impressions,Lifetime Post Organic Impressions,Lifetime Post Paid Impressions,Lifetime Engaged Users,Lifetime Post Consumers,Lifetime Post Consumptions,Lifetime Negative feedback,Lifetime Negative Feedback from Users,Lifetime Post Impressions by people who have liked your Page,Lifetime Post reach by people who like your Page,Lifetime Post Paid Impressions by people who have liked your Page,Lifetime Paid reach of a post by people who like your Page,Lifetime People who have liked your Page and engaged with your post,Lifetime Average time video viewed,Lifetime Organic views to 95%,Lifetime Organic views to 95%,Lifetime Paid views to 95%,Lifetime Paid views to 95%,Lifetime Video length,Lifetime Organic Video Views,Lifetime Organic Video Views,Lifetime Paid Video Views,Lifetime Paid Video Views'
	),
	'Legacy Facebook Insights page': [
		'Date',
		'Daily Page Engaged Users',
		'Daily Total Impressions',
		'Daily Organic Reach',
		'Daily Viral Reach',
		'Daily Total Reach',
		'Lifetime Total Likes',
		'Daily City: People Talking About This - Springfield, IL'
	],
	// §3a TikTok
	'TikTok Overview': ['Date', 'Video Views', 'Profile Views', 'Likes', 'Comments', 'Shares'],
	'TikTok FollowerHistory': ['Date', 'Followers', 'Difference in followers from previous day'],
	'TikTok Viewers': list('Date,Total Viewers,New Viewers,Returning Viewers'),
	'TikTok FollowerGender': ['Gender', 'Distribution'],
	'TikTok FollowerTopTerritories': ['Top territories', 'Distribution'],
	'TikTok net followers variant': ['Date', 'Followers', 'Net followers'],
	'TikTok content variants': list(
		'Video title,Video link,Video publish time,Post time,Total views,Total Views,Total likes,Total comments,Total shares,Total Saves,Total bookmarks,Average watch time,Reach'
	),
	// §3b YouTube
	'YouTube Table data': list(
		'Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Estimated revenue (USD),Impressions,Impressions click-through rate (%)'
	),
	'YouTube other columns': [
		'Average view duration',
		'Average percentage viewed (%)',
		'Likes',
		'Dislikes',
		'Comments added',
		'Shares',
		'New viewers',
		'Returning viewers',
		'Unique viewers',
		'Engaged views',
		'Stayed to watch (%)',
		'Subscribers gained',
		'Subscribers lost',
		'Thumbnail impressions',
		'Thumbnail click-through rate (%)'
	],
	'YouTube dimension tables': ['City name', 'Cities', 'Geography', 'Views (%)', 'Watch time (hours) (%)'],
	'YouTube Chart data': list('Date,Content,Video title,Video publish time,Duration,Views'),
	// §3c LinkedIn
	'LinkedIn Metrics': list(
		'Date, Impressions (organic), Impressions (sponsored), Impressions (total), Unique impressions (organic), Clicks (organic), Clicks (sponsored), Clicks (total), Reactions (organic), Reactions (sponsored), Reactions (total), Comments (organic), Comments (sponsored), Comments (total), Reposts (organic), Reposts (sponsored), Reposts (total), Engagement rate (organic), Engagement rate (sponsored), Engagement rate (total), Shares (organic), Shares (total)'
	),
	'LinkedIn All posts': list(
		'Post title, Post link, Post type, Campaign name, Posted by, Created date, Campaign start date, Campaign end date, Audience, Impressions, Views (excluding off-site video views), Off-site views, Clicks, Click through rate (CTR), Likes, Comments, Reposts, Follows, Engagement rate, Content Type, Views, Offsite Views, Shares, Published by'
	),
	'LinkedIn followers': list('Date, Sponsored followers, Organic followers, Auto-invited followers, Total followers'),
	'LinkedIn visitors': [
		'Date',
		...[
			'Overview page views',
			'Overview unique visitors',
			'Life page views',
			'Life unique visitors',
			'Jobs page views',
			'Jobs unique visitors',
			'Total page views',
			'Total unique visitors'
		].flatMap((metric) => ['desktop', 'mobile', 'total'].map((device) => `${metric} (${device})`))
	],
	// §4a LibCal events export, §4b Toronto feed, §4c templates
	'LibCal events': [
		'Event ID',
		'Title',
		'Description',
		'Start Date',
		'End Date',
		'Start Time',
		'End Time',
		'Setup',
		'Teardown',
		'Location',
		'Campus',
		'Library Branch',
		'Event Organizer',
		'Presenter',
		'Audiences',
		'Categories',
		'Publishing Status',
		'Internal Tags',
		'Event Note',
		'Registration Required',
		'In-Person Seats',
		'Online Seats',
		'Confirmed Registrations',
		'Waiting-List Registrations',
		'Cancelled Registrations',
		'Anticipated Attendance',
		'Actual Attendance (In-Person)',
		'Actual Attendance (Online)',
		'Confirmed Attendance',
		'Event URL'
	],
	'Toronto events feed': list(
		'EventID, Title, StartTime, EndTime, LocationName, EventTypes, Audiences, IsFull, RegistrationIsFull, Status, FeaturedImageUrl'
	),
	'Toronto events, older CSV': list(
		'title, startdate, starttime, library, location, description, eventtype1, agegroup1'
	),
	'UK events template': list('Local authority,Library name,Event date,Name,Outcome,Attendees'),
	'Timberland programs': list('Library, Event Year, Event Month, Category, Age Group, Events, Attendance'),
	// §5a ILS report outputs, §5b door counts, §5c registrations and other open data
	'Koha saved reports': list(
		'branchcode, CHECKOUT_RENEW_LM, Library, title, author, itemcallnumber, itype, ccode, location, ItemBranch, itemtype'
	),
	'Sierra circ_trans': list(
		'transaction_gmt, application_name, op_code, stat_group_code_num, itype_code_num, item_location_code, ptype_code, loanrule_code_num'
	),
	'Polaris transactions': list(
		'TransactionTypeID, TranClientDate, TransactionDate, OrganizationID, TransactionSubTypeID'
	),
	'LibInsight gate counts': list('date,gate_start,gate_end'),
	SenSource: list('recordDate_hour_1, sumins, sumouts, zoneId, Time, Ins, Outs'),
	'Toronto usage': list('Year, BranchCode, Visits, Registrations, Circulation, Sessions, _id'),
	'UK membership, loans and visits': list(
		'Local authority,Count date,Area code,Members,Library name,Count start,Count end,Type,Loans,Count type,Visits'
	),
	'OverDrive worksheet (expected)': list('Month, Branch, Format, Checkouts'),
	// §5e IMLS PLS administrative entities
	'IMLS PLS': list(
		'STABR, FSCSKEY, FSCS_SEQ, LIBID, LIBNAME, ADDRESS, CITY, ZIP, CNTY, PHONE, C_RELATN, C_LEGBAS, C_ADMIN, C_FSCS, GEOCODE, LSABOUND, STARTDAT, ENDDATE, POPU_LSA, POPU_UND, CENTLIB, BRANLIB, BKMOB, OBEREG, STATSTRU, LONGITUD, LATITUD, CBSA, MICROF, ' +
			'LIBRARIA, MASTER, OTHPAID, TOTSTAFF, LOCGVT, STGVT, FEDGVT, OTHINCM, TOTINCM, SALARIES, BENEFIT, STAFFEXP, PRMATEXP, ELMATEXP, OTHMATEX, TOTEXPCO, OTHOPEXP, TOTOPEXP, ' +
			'BKVOL, EBOOK, AUDIO_PH, AUDIO_DL, VIDEO_PH, VIDEO_DL, OTHMATS, TOTPHYS, EC_LO_OT, SUBSCRIP, DATABASES, HRS_OPEN, VISITS, REFERENC, REGBOR, TOTCIR, KIDCIRCL, PHYSCIR, OTHPHCIR, ELMATCIR, ' +
			'EBOOK_CIR, EAUDIO_CIR, EVIDEO_CIR, ESERIAL_CIR, LOANTO, LOANFM, TOTPRO, TOTATTEN, KIDPRO, KIDATTEN, YAPRO, YAATTEN, K0_5PRO, K0_5ATTEN, K6_11PRO, K6_11ATTEN, ADULTPRO, ADULTATTEN, GENPRO, GENATTEN, GPTERMS, PITUSR, WIFISESS, HOTSPOT'
	),
	// §6 literacy: Lantern's template, READsquared's summary figures, Project Outcome responses
	'Lantern literacy template': list('period_start,period,branch,program,age_group,metric,value'),
	'Reading program summary (expected)': list(
		'Library System, Program Level, Logging Type, Logging Quantity, Registrants, Active Readers, Completions, Total Minutes, Challenge, Badges Earned'
	),
	'Project Outcome responses': [
		'Response ID',
		'Survey Topic',
		'Survey Type',
		'Program',
		'Program Name',
		'Date',
		'Branch',
		'Location',
		'Immediate or Follow-up',
		'I learned something new that is helpful.',
		'I feel more confident about what I just learned.',
		'I intend to apply what I just learned.',
		'I am more aware of resources and services provided by the library.',
		'What did you like most about the program?',
		'What could the library do to help you learn more?',
		'What else could the library do to help you succeed in your classes?'
	]
};

describe('no false positives on the reference export headers', () => {
	for (const [format, header] of Object.entries(REFERENCE_HEADERS)) {
		it(format, () => expect(detectPersonalColumns(header, [])).toEqual([]));
	}

	it('flags what really is patron-level in a reference: Koha statistics rows carry borrowernumber', () => {
		const koha = list(
			'datetime, branch, type, itemnumber, itemtype, location, ccode, borrowernumber, value, other, categorycode'
		);
		expect(detectPersonalColumns(koha, []).map((column) => [column.header, column.kind])).toEqual([
			['borrowernumber', 'patron_id']
		]);
	});
});

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const real = REAL_FIXTURES;
const REAL_FOLDERS = [
	'facebook',
	'instagram',
	'library-imls-pls',
	'tiktok',
	'x-analytics-excel-resaved',
	'x-analytics-legacy',
	'x-premium',
	'youtube'
];

/** Header and rows of a CSV as Meta, X, TikTok and YouTube write them (BOM, UTF-16, a `sep=,` line, a title row). */
function readExport(path: string): { header: string[]; rows: string[][] } {
	const bytes = readFileSync(path);
	const text =
		bytes[0] === 0xff && bytes[1] === 0xfe ? new TextDecoder('utf-16le').decode(bytes) : bytes.toString('utf8');
	let records = parseCsv(text.replace(/^\uFEFF/, '')).map((record) => record.map((cell) => cell.value));
	if (records[0]?.[0]?.startsWith('sep=')) records = records.slice(2);
	const [header = [], ...rows] = records;
	return { header, rows: rows.slice(0, 200) };
}

describe('no false positives on real and demo exports, values included', () => {
	const files = [
		...(HAVE_REAL_FIXTURES ? REAL_FOLDERS : []).flatMap((folder) =>
			readdirSync(join(real, folder))
				.filter((name) => name.endsWith('.csv'))
				.map((name) => join(real, folder, name))
		),
		...readdirSync(join(repo, 'data', 'demo'))
			.filter((name) => name.endsWith('.csv'))
			.map((name) => join(repo, 'data', 'demo', name))
	];
	for (const path of files) {
		it(path.slice(path.lastIndexOf('/') + 1), () => {
			const { header, rows } = readExport(path);
			expect(rows.length).toBeGreaterThan(0);
			expect(detectPersonalColumns(header, rows)).toEqual([]);
		});
	}

	// Without ../shared the real files are not listed above; say so as skipped tests, one a folder.
	if (!HAVE_REAL_FIXTURES)
		for (const folder of REAL_FOLDERS)
			it.skip(`the real ${folder} exports (../shared/fixtures/real is not beside this clone)`, () => undefined);

	itWithRealFixtures(
		'the Arts Council England workbook: 500 month × metric × age columns, every header row candidate',
		async () => {
			for (const sheet of await readWorkbook(
				readFileSync(join(real, 'library-activity-uk', 'ace_libraries_activity_2023_24.xlsx'))
			)) {
				const records = parseCsv(sheetToCsv(sheet)).map((record) => record.map((cell) => cell.value));
				for (let headerRow = 0; headerRow < Math.min(6, records.length); headerRow++) {
					expect(detectPersonalColumns(records[headerRow]!, records.slice(headerRow + 1, headerRow + 200))).toEqual([]);
				}
			}
		}
	);
});
