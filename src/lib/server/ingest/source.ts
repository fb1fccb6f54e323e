/** How one export format is recognised, read and loaded. Each file in sources/ declares one. */

export type Target = 'post_observations' | 'program_records' | 'usage_records' | 'literacy_records';

export type FieldKind =
	/** free text; blank becomes NULL */
	| { kind: 'text' }
	/** a whole-number identifier (post or event ID), kept as text because it exceeds a double */
	| { kind: 'id' }
	/** a non-negative count; accepts `1,234`, `424.0`, `1.2K`, `-` and `undefined` (the last two as unknown) */
	| { kind: 'count' }
	/** any decimal number, optionally bounded below */
	| { kind: 'decimal'; min?: number }
	/** date and time; `zone: 'in-value'` when the format carries %z, else read in the library's zone */
	| { kind: 'timestamp'; formats: readonly string[]; zone: 'in-value' | 'library' }
	| { kind: 'date'; formats: readonly string[] }
	/** a clock time such as `10:30` or `2:00 PM`; `allDay` lists the words that mean no time */
	| { kind: 'clock'; allDay: readonly string[] }
	/** one of a fixed vocabulary, compared case-insensitively and stored lower-case */
	| { kind: 'enum'; values: readonly string[] };

export interface FieldSpec {
	/** header spellings, compared after normalising case and whitespace */
	headers: readonly string[];
	type: FieldKind;
	required?: boolean;
}

export interface SourceSpec<F extends string = string> {
	id: string;
	label: string;
	/** what a person sees in `lantern sources` and on the uploads page */
	description: string;
	target: Target;
	/** normalised header cells that must all appear on one row of the first ten to recognise the file */
	anchors: readonly string[];
	fields: Record<F, FieldSpec>;
	/**
	 * Target columns as SQL over the normalised fields (`n.<field>`). Only code-defined text goes
	 * here; user values reach SQL as bound parameters, visible as `p.tz` (the library's time zone).
	 */
	load: (n: Record<F, string>) => Record<string, string>;
}

export function defineSource<F extends string>(spec: SourceSpec<F>): SourceSpec<F> {
	return spec;
}
