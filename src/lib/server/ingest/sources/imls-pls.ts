import { defineSource } from '../source';

/**
 * The IMLS Public Libraries Survey state summary: one row per state, no FSCSKEY. Peer comparison
 * needs the per-library administrative-entity file, so this one is recognised and refused.
 */
export const imlsPlsStateSummary = defineSource({
	id: 'imls-pls-state-summary',
	label: 'IMLS Public Libraries Survey state summary',
	description:
		'Recognised and refused: peer benchmarks need the per-library (administrative entity) PLS file, not the state summary.',
	target: 'usage_records',
	anchors: ['stabr', 'popu_lsa', 'totcir'],
	absent: ['fscskey'],
	refuse: () =>
		'This is the IMLS Public Libraries Survey state summary (one row per state, no FSCSKEY). Lantern compares a library with its peers, ' +
		'which needs the per-library file from the same release: the administrative entity CSV (for example pls_fy2019_ae_pud19i.csv), with FSCSKEY and LIBNAME columns.',
	fields: {},
	load: () => ({})
});
