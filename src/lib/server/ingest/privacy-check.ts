import { planPrivacy } from '../../privacy/plan';
import type { LoadPlan } from './load-plan';
import type { Staged } from './readers';
import { Refusal } from './refusal';

/**
 * Lantern stores no patron-level personal data. The columns a format reads are the only ones stored,
 * so personal columns beside them are dropped and the import report says which and why; a format
 * that would read a personal column (a mapping that takes "Patron name" as a title) is refused.
 */
export function checkPrivacy(staged: Staged, plan: LoadPlan): string | null {
	if (!staged.sample) return null;
	const read = Object.values(plan.fields)
		.filter((field) => field.column !== null)
		.map((field) => field.label);
	const privacy = planPrivacy(staged.sample.header, staged.sample.rows, { requiredColumns: read });
	if (privacy.action === 'refuse') throw new Refusal(privacy.message, [], 0, plan.source);
	return privacy.action === 'drop-columns' ? privacy.message : null;
}
