import type { Database } from './db/database';
import { readXid, type XidReading } from '../xid';

export interface AccountSighting {
	accountId: string;
	username: string | null;
	firstSeen: string;
	lastSeen: string;
}

export type XidAnswer = XidReading & { accounts: AccountSighting[] };

/** Decodes each input and adds what uploaded data says about the account IDs and handles involved. */
export async function lookUpXids(db: Database, inputs: string[]): Promise<XidAnswer[]> {
	const answers: XidAnswer[] = [];
	for (const input of inputs.filter((text) => text.trim() !== '')) {
		const reading = readXid(input);
		let accounts: AccountSighting[] = [];
		if (reading.kind === 'username') accounts = await sightings(db, 'lower(username) = lower($1)', reading.username);
		// A bare number may be an account ID rather than a post ID; say so when data has seen it.
		else if ((reading.kind === 'post' || reading.kind === 'pre-snowflake') && !reading.username)
			accounts = await sightings(db, 'account_id = $1', reading.id);
		else if (reading.kind === 'post' && reading.username)
			accounts = await sightings(db, 'lower(username) = lower($1)', reading.username);
		answers.push({ ...reading, accounts });
	}
	return answers;
}

async function sightings(db: Database, where: string, value: string): Promise<AccountSighting[]> {
	const rows = await db.query<{ account_id: string; username: string | null; first_seen: string; last_seen: string }>(
		`SELECT account_id, username, strftime(first_seen AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS first_seen,
			strftime(last_seen AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS last_seen
		 FROM x_accounts WHERE ${where} ORDER BY last_seen DESC LIMIT 20`,
		[value]
	);
	return rows.map((row) => ({
		accountId: row.account_id,
		username: row.username,
		firstSeen: row.first_seen,
		lastSeen: row.last_seen
	}));
}
