import { defineSource, type FieldSpec } from '../source';

// IMLS writes "not reported / not applicable / suppressed" as -1, -3, -4, -9 and M
// (docs/export-formats.md, "IMLS Public Libraries Survey").
const measure = (header: string): FieldSpec => ({
	headers: [header],
	type: { kind: 'count', missingCodes: ['-1', '-3', '-4', '-9', 'M'] }
});

/** IMLS Public Libraries Survey, administrative-entity file: one row per library system. */
export const imlsPlsAdministrativeEntity = defineSource({
	id: 'imls-pls-ae',
	label: 'IMLS Public Libraries Survey (administrative entities)',
	description:
		'The per-library PLS public-use CSV (FSCSKEY, LIBNAME, STABR, POPU_LSA, VISITS, TOTCIR, …), any fiscal year; the year comes from YR_SUB or the file name (fy2019, pud19).',
	target: 'pls_records',
	anchors: ['fscskey', 'libname', 'stabr'],
	fields: {
		fscskey: { headers: ['fscskey'], type: { kind: 'text' }, required: true },
		libname: { headers: ['libname'], type: { kind: 'text' } },
		state: { headers: ['stabr'], type: { kind: 'text' } },
		year: { headers: ['yr_sub'], type: { kind: 'count' } },
		population: measure('popu_lsa'),
		visits: measure('visits'),
		totcir: measure('totcir'),
		regbor: measure('regbor'),
		totpro: measure('totpro'),
		totatten: measure('totatten'),
		kidpro: measure('kidpro'),
		kidatten: measure('kidatten'),
		hrsOpen: measure('hrs_open'),
		wifisess: measure('wifisess'),
		gpterms: measure('gpterms'),
		totopexp: measure('totopexp')
	},
	load: (n, { fileName }) => {
		const fromName =
			/fy\s*-?(\d{4})/i.exec(fileName)?.[1] ??
			(/pud(\d{2})/i.exec(fileName)?.[1] ? `20${/pud(\d{2})/i.exec(fileName)![1]}` : null);
		return {
			fiscal_year: fromName
				? `coalesce(${n.year}, ${Number(fromName)})`
				: `coalesce(${n.year}, year(timezone(p.tz, p.observed_at)))`,
			fscskey: n.fscskey,
			libname: n.libname,
			state: n.state,
			population: n.population,
			visits: n.visits,
			totcir: n.totcir,
			regbor: n.regbor,
			totpro: n.totpro,
			totatten: n.totatten,
			kidpro: n.kidpro,
			kidatten: n.kidatten,
			hrs_open: n.hrsOpen,
			wifisess: n.wifisess,
			gpterms: n.gpterms,
			totopexp: n.totopexp
		};
	}
});
