import { describe, expect, it } from 'vitest';
import { classifyHeader } from './header-rules';
import { headerWords } from './header-words';
import type { PersonalKind } from './personal-column';

const kindOf = (cell: string): PersonalKind | null => {
	const verdict = classifyHeader(cell);
	return verdict.rule === 'personal' ? verdict.kind : null;
};

describe('headerWords', () => {
	it('reads the same column however an export spells it', () => {
		expect(headerWords('E-mail Address')).toEqual(['email', 'address']);
		expect(headerWords('\uFEFFemailAddress')).toEqual(['email', 'address']);
		expect(headerWords('EMAIL_ADDRESS')).toEqual(['email', 'address']);
		expect(headerWords("Child's Name")).toEqual(['childs', 'name']);
		expect(headerWords('Child’s Name')).toEqual(['childs', 'name']);
		expect(headerWords('borrowernumber')).toEqual(['borrower', 'number']);
		expect(headerWords('PatronID')).toEqual(['patron', 'id']);
		expect(headerWords('IPAddress')).toEqual(['ip', 'address']);
		expect(headerWords('Address1')).toEqual(['address', '1']);
		expect(headerWords('Card #')).toEqual(['card', 'number']);
		expect(headerWords('Teléfono')).toEqual(['telefono']);
		expect(headerWords('Mobile (%)')).toEqual(['mobile', 'percent']);
	});
});

describe('classifyHeader: personal headers', () => {
	const cases: [PersonalKind, string[]][] = [
		[
			'name',
			[
				'First Name',
				'Last Name',
				'Full Name',
				'Patron Name',
				'Reader Name',
				'Registrant',
				'Registrant Name',
				"Child's Name",
				'Parent/Guardian',
				'Parent Guardian Name',
				'FirstName',
				'last_name',
				'Surname',
				'Reader',
				'Attendee',
				'Participant Name',
				'Reader First Name',
				'First Name (Child)',
				'Emergency Contact',
				'Caregiver',
				'Apellido'
			]
		],
		[
			'email',
			[
				'Email',
				'E-mail Address',
				'Email Address',
				'Parent Email',
				'Primary Email',
				'Patron E-mail',
				'email_address',
				'Correo electrónico'
			]
		],
		[
			'phone',
			[
				'Phone',
				'Mobile',
				'Cell',
				'Phone Number',
				'Home Phone',
				'Cell Phone',
				'Telephone',
				'Contact Phone',
				'Guardian Phone #',
				'Teléfono'
			]
		],
		[
			'street_address',
			[
				'Address',
				'Street',
				'Address 1',
				'Address Line 1',
				'Street Address',
				'Home Address',
				'Mailing Address',
				'Address2',
				'Patron Address',
				'Dirección'
			]
		],
		[
			'birth_date',
			[
				'Birthdate',
				'Birth Date',
				'DOB',
				'D.O.B.',
				'Date of Birth',
				'Birthday',
				"Child's Birthdate",
				'date_of_birth',
				'Fecha de nacimiento'
			]
		],
		[
			'card_number',
			[
				'Barcode',
				'Card Number',
				'Library Card',
				'Library Card Number',
				'Patron Barcode',
				'Card #',
				'cardnumber',
				'Card'
			]
		],
		[
			'patron_id',
			[
				'Patron ID',
				'Borrower Number',
				'borrowernumber',
				'User ID',
				'Username',
				'User Name',
				'Reader ID',
				'Registration ID',
				'PatronID',
				'Member Number',
				'Login'
			]
		],
		['ip_address', ['IP', 'IP Address', 'ip_address', 'Client IP']]
	];
	for (const [kind, headers] of cases) {
		it(`reads ${kind} headers`, () => {
			for (const header of headers) expect([header, kindOf(header)]).toEqual([header, kind]);
		});
	}

	it('marks a person word alone, so numbers under it can be read as a patron number', () => {
		expect(classifyHeader('Patron')).toEqual({ rule: 'personal', kind: 'name', personNoun: true });
		expect(classifyHeader('Patron Name')).toEqual({ rule: 'personal', kind: 'name', personNoun: false });
	});
});

describe('classifyHeader: headers that are not personal', () => {
	it('keeps platform metrics whose names contain an alias out', () => {
		for (const header of [
			'email tweet',
			'promoted email tweet',
			'dial phone',
			'user profile clicks',
			'in_reply_to_user_id',
			'retweeted_status_user_id',
			'Overview page views (mobile)',
			'Mobile (%)',
			'Emails Sent',
			'Email Opens',
			'New Library Cards',
			'Library Card Registrations',
			'Registrant Count',
			'Phone Type',
			'Email Opt In',
			'Item Barcode',
			'Web Address'
		]) {
			expect([header, classifyHeader(header).rule]).not.toEqual([header, 'personal']);
		}
	});

	it('treats organisations, programs and public roles as public', () => {
		for (const header of [
			'Library Name',
			'Branch',
			'Branch Name',
			'Program Name',
			'Event Organizer',
			'Presenter',
			'Page name',
			'Account name',
			'Account username',
			'Campus',
			'Location',
			'Title',
			'Age Group',
			'Staff Name',
			'Video title',
			'City name',
			'LIBNAME',
			'Posted by'
		]) {
			expect([header, classifyHeader(header).rule]).toEqual([header, 'public']);
		}
	});

	it('judges coarse fields aggregate-safe: birth year, age, ZIP or city alone', () => {
		for (const header of ['Birth year', 'Year of Birth', "Child's Age", 'Age', 'Grade', 'Gender'])
			expect(kindOf(header)).toBeNull();
		for (const header of ['ZIP', 'Zip Code', 'Postal code', 'PostalCode', 'City', 'Home City', 'Apt'])
			expect(classifyHeader(header)).toEqual({ rule: 'address-part' });
	});

	it('leaves "Name" and "Contact" to the values', () => {
		expect(classifyHeader('Name')).toEqual({ rule: 'hint', kinds: ['name'] });
		expect(classifyHeader('Display Name')).toEqual({ rule: 'hint', kinds: ['name'] });
		expect(classifyHeader('Contact')).toEqual({ rule: 'hint', kinds: ['email', 'phone', 'name'] });
	});

	it('notes identifier and date headers, which guard the value rules', () => {
		expect(classifyHeader('Post ID')).toEqual({ rule: 'neutral', identifier: true, dateContext: false });
		expect(classifyHeader('Registered On')).toEqual({ rule: 'neutral', identifier: false, dateContext: true });
		expect(classifyHeader('Minutes Read')).toEqual({ rule: 'neutral', identifier: false, dateContext: false });
	});
});
