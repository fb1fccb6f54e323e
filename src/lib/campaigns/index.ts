/** Campaigns and strategies: the pure core that assigns, labels, links and measures posts. */
export type { Strategy } from './strategy';
export { CampaignMatchingInput, type CampaignRule, type ManualDecision } from './campaign-rule';
export { assignPostToCampaigns, strategyFromCampaigns, type Assignment, type PostForAssignment } from './assignment';
export { PATTERN_SYNTAX, StrategyRules, StrategyTerm, StrategySignals, parseStrategyRules, type SignalName, type StrategySignal } from './strategy-rules';
export { DEFAULT_STRATEGY_RULES } from './default-strategy-rules';
export { classifyPost, labelPost, type Classification, type PostForClassifier, type PostLabel, type StrategyMatch } from './classifier';
export { classifierQuality, type ClassifierQuality, type StrategyCorrection, type StrategyQuality } from './classifier-quality';
export { matchPromotions, type PostForPromotion, type Promotion, type PromotionOptions, type PromotionOverride, type ProgramForPromotion } from './program-promotion';
export { plainTitle } from './program-title';
export { MIN_ANSWERED_FOR_TIMES, replyMeasures, type PostForReplies, type ReplyMeasures } from './engagement';
export { hashtagReport, type HashtagRow, type PostForHashtags } from './hashtag-report';
export { quantile } from './percentile';
