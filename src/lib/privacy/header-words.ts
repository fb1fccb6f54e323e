/**
 * A header cell as lower-case words, so "E-mail Address", "emailAddress", "EMAIL_ADDRESS" and
 * "Email address:" all read `email address`. Exports spell the same column many ways (each platform's
 * section of docs/export-formats.md), and Koha/Polaris glue words together (`borrowernumber`, `PatronID`).
 */

/** Glued spellings seen in ILS and form-builder exports, split into the words the rules use. */
const COMPOUNDS: Record<string, readonly string[]> = {
	firstname: ['first', 'name'],
	lastname: ['last', 'name'],
	fullname: ['full', 'name'],
	middlename: ['middle', 'name'],
	givenname: ['given', 'name'],
	familyname: ['family', 'name'],
	patronname: ['patron', 'name'],
	emailaddress: ['email', 'address'],
	phonenumber: ['phone', 'number'],
	cellphone: ['cell', 'phone'],
	mobilephone: ['mobile', 'phone'],
	homephone: ['home', 'phone'],
	birthdate: ['birth', 'date'],
	dateofbirth: ['date', 'of', 'birth'],
	cardnumber: ['card', 'number'],
	librarycard: ['library', 'card'],
	patronid: ['patron', 'id'],
	patronnumber: ['patron', 'number'],
	borrowernumber: ['borrower', 'number'],
	borrowerid: ['borrower', 'id'],
	userid: ['user', 'id'],
	readerid: ['reader', 'id'],
	memberid: ['member', 'id'],
	ipaddress: ['ip', 'address'],
	streetaddress: ['street', 'address'],
	zipcode: ['zip', 'code'],
	postalcode: ['postal', 'code'],
	branchname: ['branch', 'name'],
	branchcode: ['branch', 'code'],
	libraryname: ['library', 'name']
};

export function headerWords(cell: string): string[] {
	const spaced = cell
		.replace(/^\uFEFF/, '')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		// "Child's Name" → "Childs Name": the apostrophe must not split a word.
		.replace(/['’ʼ`]/g, '')
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.replace(/([A-Za-z])(\d)/g, '$1 $2')
		// Kept as words so "Mobile (%)" is a share and "Card #" a card number.
		.replace(/%/g, ' percent ')
		.replace(/#/g, ' number ')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
	if (spaced === '') return [];
	const words: string[] = [];
	for (const word of spaced.split(' ')) {
		if (word === 'mail' && words[words.length - 1] === 'e') words[words.length - 1] = 'email';
		else words.push(...(COMPOUNDS[word] ?? [word]));
	}
	return words;
}
