import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CampaignInput } from '../../domain/campaigns';
import { campaignPromotionComparisons } from '../analytics/promotion';
import type { Database } from '../db/database';
import { demoDatabase, fingerprint, REPO_ROOT } from '../db/test-support';
import { importAny, removeImportsAndRelink } from '../ingest/import-any';
import { saveSettings } from '../settings';
import { closeCampaign, editableCampaign, saveCampaign } from './campaign-editor';
import { previewCampaign, previewLinks } from './campaign-preview';
import { decideCampaignPost } from './decisions';

const DEMO = join(REPO_ROOT, 'data/demo');
const ACTOR = 'user:staff@maplevalley.example';

/** Every table a preview could write to, with the derived ones and the audit log. */
async function everything(db: Database): Promise<Record<string, string>> {
	const out = await fingerprint(db);
	for (const table of [
		'campaign_post_links',
		'post_strategy_labels',
		'program_promotion_links',
		'campaign_post_decisions',
		'strategy_corrections',
		'audit_log'
	]) {
		const [row] = await db.query<{ n: number; h: string }>(
			`SELECT count(*) AS n, md5(coalesce(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR)), '')) AS h FROM ${table} t`
		);
		out[table] = `${row!.n}:${row!.h}`;
	}
	return out;
}

async function storedLinks(db: Database, campaignId: number) {
	return db.query<{ platform: string; post_id: string; rule: string; manual: boolean }>(
		'SELECT platform, post_id, rule, manual FROM campaign_post_links WHERE campaign_id = $1 ORDER BY platform, post_id',
		[campaignId]
	);
}

const storytimeSpring = CampaignInput.parse({
	name: 'Storytime spring push',
	strategy: 'programs_showcase',
	starts_on: '2026-03-01',
	ends_on: '2026-05-31',
	hashtags: ['#StorytimeAtEastside'],
	keywords: ['storytime'],
	promoted_programs: ['Preschool Storytime']
});

describe('creating and editing campaigns in the app, on the demo library', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	});

	it('previews a new campaign without writing anything, and saving links exactly the previewed posts', async () => {
		const before = await everything(db);
		const preview = await previewCampaign(db, storytimeSpring, null);
		const links = await previewLinks(db, storytimeSpring, null);
		expect(await everything(db)).toEqual(before);

		expect(preview.posts).toBeGreaterThan(5);
		expect(preview.posts).toBe(links.length);
		expect(preview.byPlatform.reduce((sum, p) => sum + p.posts, 0)).toBe(preview.posts);
		expect(preview.firstPosts.length).toBe(Math.min(20, preview.posts));
		const dates = preview.firstPosts.map((p) => p.publishedAt);
		expect(dates).toEqual([...dates].sort());
		expect(preview.firstPosts.every((p) => /^(hashtag #storytimeateastside|keyword "storytime")$/.test(p.rule))).toBe(
			true
		);
		// The named program's sessions count whether or not a matching post promotes them.
		expect(preview.programs).toBeGreaterThan(0);
		expect(preview.firstPrograms.some((p) => p.named && p.title === 'Preschool Storytime')).toBe(true);

		const saved = await saveCampaign(db, storytimeSpring, { campaignId: null, actor: ACTOR });
		expect(saved.ok).toBe(true);
		if (!saved.ok) return;
		expect(await storedLinks(db, saved.campaignId)).toEqual(links);
		const [audit] = await db.query<{ actor: string; action: string; detail: string }>(
			'SELECT actor, action, detail FROM audit_log ORDER BY audit_id DESC LIMIT 1'
		);
		expect(audit).toMatchObject({ actor: ACTOR, action: 'campaign created' });
		expect(audit!.detail).toContain('Storytime spring push');
	});

	it('previews an edit with the campaign’s hand decisions, and the saved edit links the same', async () => {
		const [stored] = await db.query<{ campaign_id: number }>(
			`SELECT campaign_id FROM campaigns WHERE name = 'Storytime spring push'`
		);
		const id = stored!.campaign_id;
		const [outside] = await db.query<{ platform: string; post_id: string }>(
			`SELECT platform, post_id FROM posts WHERE published_at < '2024-06-01' ORDER BY post_id LIMIT 1`
		);
		expect(
			await decideCampaignPost(db, id, { platform: outside!.platform, postId: outside!.post_id, action: 'add' })
		).toBeNull();
		const edited = { ...storytimeSpring, name: 'Storytime spring and summer', ends_on: '2026-08-31', keywords: [] };
		const before = await everything(db);
		const links = await previewLinks(db, edited, id);
		expect(await everything(db)).toEqual(before);
		expect(links).toContainEqual({
			platform: outside!.platform,
			post_id: outside!.post_id,
			rule: 'manual',
			manual: true
		});

		expect(await saveCampaign(db, edited, { campaignId: id, actor: ACTOR })).toEqual({ ok: true, campaignId: id });
		// Renamed, the campaign keeps its hand decision.
		expect(await storedLinks(db, id)).toEqual(links);
		expect((await editableCampaign(db, id))!.campaign).toMatchObject({ name: edited.name, ends_on: '2026-08-31' });
	});

	it('refuses a second campaign of the same name, in any case, in words beside the name', async () => {
		const result = await saveCampaign(
			db,
			{ ...storytimeSpring, name: 'library card month 2025' },
			{ campaignId: null, actor: ACTOR }
		);
		expect(result).toEqual({
			ok: false,
			errors: { name: 'A campaign called “library card month 2025” already exists.' }
		});
	});

	it('keeps an ongoing campaign open-ended, and closes it on today’s date in the library’s zone', async () => {
		await saveSettings(db, { timeZone: 'America/Chicago' });
		const ongoing = { ...storytimeSpring, name: 'Always-on storytime', starts_on: '2026-09-01', ends_on: null };
		const saved = await saveCampaign(db, ongoing, { campaignId: null, actor: ACTOR });
		if (!saved.ok) throw new Error('not saved');
		const [row] = await db.query<{ ongoing: boolean }>('SELECT ongoing FROM campaigns WHERE campaign_id = $1', [
			saved.campaignId
		]);
		expect(row!.ongoing).toBe(true);
		const october = await db.query<{ n: number }>(
			`SELECT count(*) AS n FROM campaign_post_links l JOIN posts p USING (platform, post_id)
			WHERE l.campaign_id = $1 AND p.published_at >= '2026-10-01'`,
			[saved.campaignId]
		);
		expect(october[0]!.n).toBeGreaterThan(0);

		// 03:00 UTC on 1 October is still 30 September in Chicago.
		const closed = await closeCampaign(db, saved.campaignId, ACTOR, new Date('2026-10-01T03:00:00Z'));
		expect(closed).toEqual({ ok: true, endsOn: '2026-09-30' });
		expect((await editableCampaign(db, saved.campaignId))!.campaign.ends_on).toBe('2026-09-30');
		expect(
			await db.query(
				`SELECT count(*) AS n FROM campaign_post_links l JOIN posts p USING (platform, post_id)
				WHERE l.campaign_id = $1 AND p.published_at >= '2026-10-02'`,
				[saved.campaignId]
			)
		).toEqual([{ n: 0 }]);
		const [audit] = await db.query('SELECT actor, action FROM audit_log ORDER BY audit_id DESC LIMIT 1');
		expect(audit).toEqual({ actor: ACTOR, action: 'campaign closed' });
		expect(await closeCampaign(db, saved.campaignId, ACTOR, new Date('2026-10-05T12:00:00Z'))).toEqual({
			ok: false,
			message: 'Always-on storytime already ended on 2026-09-30.'
		});
	});
	it('counts the programs a campaign names as promoted in its promoted-against-comparable comparison', async () => {
		const family = CampaignInput.parse({
			name: 'Family storytime spring',
			strategy: 'programs_showcase',
			starts_on: '2026-03-01',
			ends_on: '2026-05-31',
			outcome_metrics: ['programs:attendance:Nowhere:storytime']
		});
		const compare = async (campaign: CampaignInput) => {
			const saved = await saveCampaign(db, campaign, { campaignId: null, actor: ACTOR });
			if (!saved.ok) throw new Error('not saved');
			const [comparison] = await campaignPromotionComparisons(db, {
				campaignId: saved.campaignId,
				startsOn: campaign.starts_on,
				endsOn: campaign.ends_on!,
				outcomeMetrics: campaign.outcome_metrics
			});
			return comparison!.result;
		};
		// No post and no branch promotes anything; naming two storytimes makes their sessions at three branches promoted.
		const reason = (result: Awaited<ReturnType<typeof compare>>) => (result.ok ? 'estimated' : result.reason);
		expect(reason(await compare(family))).toMatch(/: 0 promoted programs and 0 comparison programs/);
		const named = { ...family, name: 'Family storytime spring, named' };
		expect(reason(await compare({ ...named, promoted_programs: ['Family Storytime', 'Preschool Storytime'] }))).toMatch(
			/: 3 promoted programs and 1 comparison program/
		);
	});
});

describe('editing a campaign in the app and importing the same campaign', () => {
	it('relinks every post to the same campaigns, rules and strategies', async () => {
		const newHashtags = ['StorytimeAtEastside', 'LibraryCardMonth'];
		const edited = await demoDatabase();
		const [storytime] = await edited.query<{ campaign_id: number }>(
			`SELECT campaign_id FROM campaigns WHERE name = 'Storytime at Eastside'`
		);
		const stored = (await editableCampaign(edited, storytime!.campaign_id))!;
		const saved = await saveCampaign(
			edited,
			{ ...stored.campaign, hashtags: newHashtags.map((t) => t.toLowerCase()) },
			{ campaignId: storytime!.campaign_id, actor: ACTOR }
		);
		expect(saved.ok).toBe(true);

		const imported = await demoDatabase();
		const [demoCampaigns] = await imported.query<{ import_id: number }>(
			`SELECT import_id FROM import_log WHERE file_name = 'campaigns.json'`
		);
		await removeImportsAndRelink(imported, [demoCampaigns!.import_id]);
		const file = JSON.parse(readFileSync(join(DEMO, 'campaigns.json'), 'utf8')) as {
			campaigns: { name: string; hashtags: string[] }[];
		};
		for (const c of file.campaigns) if (c.name === 'Storytime at Eastside') c.hashtags = newHashtags;
		const path = join(mkdtempSync(join(tmpdir(), 'lantern-campaigns-')), 'campaigns-edited.json');
		writeFileSync(path, JSON.stringify(file));
		expect(await importAny(imported, path, { fileName: 'campaigns-edited.json' })).toMatchObject({
			status: 'imported'
		});

		const byName = `SELECT c.name, l.platform, l.post_id, l.rule, l.manual FROM campaign_post_links l JOIN campaigns c USING (campaign_id)
			ORDER BY ALL`;
		const labels = 'SELECT platform, post_id, strategy, source FROM post_strategy_labels ORDER BY ALL';
		const editedLinks = await edited.query(byName);
		expect(
			editedLinks.filter((l) => l.rule === 'hashtag #librarycardmonth' && l.name === 'Storytime at Eastside').length
		).toBeGreaterThan(0);
		expect(editedLinks).toEqual(await imported.query(byName));
		expect(await edited.query(labels)).toEqual(await imported.query(labels));
	});
});
