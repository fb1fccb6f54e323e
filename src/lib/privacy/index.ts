/** Lantern's privacy rules: which columns of an upload are patron-level personal data, and what to do. */
export { detectPersonalColumns, VALUE_SHARE, MIN_VALUES, GIVEN_NAME_SHARE, COUNT_SHARE, MAX_AGE_YEARS } from './detect';
export { planPrivacy, type PrivacyAction, type PrivacyOptions, type PrivacyPlan } from './plan';
export type { Evidence, PersonalColumn, PersonalKind } from './personal-column';
