/**
 * Common given names across US birth cohorts from the 1940s to the 2010s and the communities
 * public libraries serve. Used only as a second signal when a column with an uninformative
 * header holds two- or three-word capitalised phrases: towns ("Cedar Rapids") and program titles
 * rarely start with one of these, people's names usually do. Not a list of every name, and it
 * need not be: a column needs only 30% of its names to start with one (see detect.ts).
 */
const NAMES = `
aaliyah aaron abigail adam addison adrian aiden aisha alejandro alex alexander alexandra alexis ali alice alicia
allison alyssa amanda amber amelia amir amy ana andre andrea andrew angel angela angelica anna anne anthony antonio
aria ariana arjun ashley aubrey audrey austin ava avery barbara benjamin beth betty beverly blake brandon brayden
brenda brian brianna brittany brooke bryan caleb camila cameron carlos carmen carol caroline carolyn carter
catherine charles charlotte chloe chris christian christina christine christopher claire cody cole connor cynthia
daniel daniela danielle david deborah debra denise dennis derek destiny diana diane diego dominic donald donna
dorothy dylan easton edward eleanor elena eli elijah elizabeth ella ellie emily emma eric erica erin ethan eva evan
evelyn ezra fatima frank gabriel gabriella gary gavin george grace gregory hailey hannah harold harper hayden heather
helen henry hudson hunter ian isaac isabella isaiah jack jackson jacob jacqueline jada james jamal jamie janet
janice jared jasmine jason javier jayden jeffrey jennifer jeremiah jeremy jerry jesse jessica jesus joan joe john
johnny jonathan jordan jorge jose joseph joshua joyce juan judith julia julian julie justin kaitlyn karen katherine
kathleen kathryn kayla keith kelly kenneth kevin kimberly kyle landon laura lauren layla leah leo leslie levi liam
lillian lily linda lincoln logan lori lucas lucy luis luke madeline madison malik marcus margaret maria mariana
marie marilyn mark martha mary mason matthew maya megan melissa mia michael michelle miguel mila mohamed mohammed
muhammad morgan nancy naomi natalie nathan nevaeh nicholas nicole noah nora olivia omar oscar owen pamela patricia
patrick paul penelope peter priya rachel rafael raymond rebecca riley robert roger ronald rose ruby russell ruth ryan
samantha samuel sandra sara sarah savannah scarlett sean sebastian sharon shirley sofia sophia sophie stella
stephanie stephen steven susan sydney taylor teresa theodore thomas timothy tyler valentina valeria victor victoria
vincent violet walter wayne william willow wyatt xavier yusuf zachary zoe zoey
`;

const COMMON = new Set(NAMES.split(/\s+/).filter(Boolean));

export function isCommonGivenName(word: string): boolean {
	return COMMON.has(
		word
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
	);
}

/** Every name of the list, lower case. */
export function givenNames(): string[] {
	return [...COMMON];
}
