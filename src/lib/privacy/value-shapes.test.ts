import { describe, expect, it } from 'vitest';
import { parseDay } from './calendar-dates';
import {
	fullNameGivenName,
	isCardNumber,
	isCountLike,
	isEmail,
	isIpAddress,
	isItemBarcode,
	isPhone,
	isStreetAddress
} from './value-shapes';

describe('value shapes', () => {
	it('emails: whole cells only', () => {
		for (const value of ['ava.thompson@example.com', 'lthompson42@mail.example.org', "o'donnell+library@example.net"])
			expect(isEmail(value)).toBe(true);
		for (const value of ['Email us at ava@example.com', 'ava@example', '@MapleValleyPL', 'ava.example.com'])
			expect(isEmail(value)).toBe(false);
	});

	it('phones: NANP and international with separators; bare digits only when the header says phone', () => {
		for (const value of [
			'(217) 555-0147',
			'217-555-0147',
			'217.555.0147',
			'+1 217 555 0147',
			'1-217-555-0147',
			'(217) 555-0147 ext. 12',
			'+44 20 7946 0958',
			'+33 1 09 75 83 51'
		]) {
			expect([value, isPhone(value)]).toEqual([value, true]);
		}
		for (const value of [
			'2025-06-02',
			'2025-06-02 10:30',
			'10417267',
			'1465712230054432768',
			'0-306-40615-2',
			'1,234',
			'2175550147'
		]) {
			expect([value, isPhone(value)]).toEqual([value, false]);
		}
		expect(isPhone('2175550147', true)).toBe(true);
		expect(isPhone('123', true)).toBe(false);
	});

	it('card barcodes: 14 digits starting with 2, not items, ISBNs or compact timestamps', () => {
		expect(isCardNumber('23921506351048')).toBe(true);
		expect(isCardNumber('2 3921 50635104 8')).toBe(true);
		expect(isCardNumber('33921506351048')).toBe(false);
		expect(isItemBarcode('33921506351048')).toBe(true);
		expect(isCardNumber('20250602103000')).toBe(false);
		expect(isCardNumber('100045700821521')).toBe(false);
		expect(isCardNumber('9781234567897', true)).toBe(false);
		expect(isCardNumber('1392150635104', true)).toBe(true);
		expect(isCardNumber('1392150635104')).toBe(false);
	});

	it('street addresses: a number, a street and a street type, optionally unit, city, state and ZIP', () => {
		for (const value of [
			'1423 Maple Ave',
			'87 N Cedar Ridge St, Apt 4B',
			'3481 Lincoln Cir, Apt 12A, Riverside Heights, IL 60958',
			'12 Mill Pond Road',
			'5181 Orchard Rd, North Maple, IL 60955',
			'PO Box 311',
			'400 W 4th St.'
		]) {
			expect([value, isStreetAddress(value)]).toEqual([value, true]);
		}
		for (const value of [
			'Community Room',
			'Central',
			'3 Ways to Save on Taxes',
			'2025-06-02',
			'Summer Reading Kickoff Party',
			'1st Street Festival'
		]) {
			expect([value, isStreetAddress(value)]).toEqual([value, false]);
		}
	});

	it('IP addresses: IPv4, and IPv6 with all groups or ::, never a clock time', () => {
		for (const value of ['192.0.2.44', '203.0.113.7', '2001:db8::1', '2001:0db8:0000:0000:0000:ff00:0042:8329'])
			expect(isIpAddress(value)).toBe(true);
		for (const value of ['10:30:00', '10:30', '256.1.1.1', '1.2.3', 'abc:def'])
			expect([value, isIpAddress(value)]).toEqual([value, false]);
	});

	it('full names, with the given name for the lexicon check; library phrases are not names', () => {
		expect(fullNameGivenName('Ava Thompson')).toBe('Ava');
		expect(fullNameGivenName('Mary-Kate O’Neil')).toBe('Mary-Kate');
		expect(fullNameGivenName('Thompson, Ava M.')).toBe('Ava');
		expect(fullNameGivenName('José García')).toBe('José');
		expect(fullNameGivenName('Ava M. Thompson Jr.')).toBe('Ava');
		for (const value of [
			'Baby Story Time',
			'Lego Club',
			'Maple Valley Public Library',
			'Juggling with Jen',
			'Teen Advisory Board',
			'Central',
			'ava thompson'
		]) {
			expect([value, fullNameGivenName(value)]).toEqual([value, null]);
		}
	});

	it('counts: what a metric column holds', () => {
		for (const value of ['12', '424.0', '1,234', '-', '0.0028', '45%']) expect(isCountLike(value)).toBe(true);
		expect(isCountLike('2175550147')).toBe(false);
	});

	it('dates in the layouts exports use', () => {
		const day = Date.UTC(2016, 2, 14) / 86_400_000;
		for (const value of [
			'2016-03-14',
			'03/14/2016',
			'3/14/2016',
			'Mar 14, 2016',
			'Mon, Mar 14, 2016',
			'Mon Mar 14 2016',
			'14 Mar 2016',
			'2016-03-14T00:00:00'
		]) {
			expect([value, parseDay(value)]).toEqual([value, day]);
		}
		for (const value of ['2016', '02/30/2016', 'Lifetime', 'March', '14/03/2016'])
			expect([value, parseDay(value)]).toEqual([value, null]);
	});
});
