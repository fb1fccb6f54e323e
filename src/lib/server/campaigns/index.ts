/**
 * Campaigns and strategies on the server: the campaign file, the relinking that assigns posts to
 * campaigns, labels their strategies and matches program promotions, staff decisions, and the
 * pure measures the dashboards take from posts.
 */
export { importCampaignsFile } from './campaign-file';
export { relinkCampaigns, relinkUnfinished, type RelinkDecision, type RelinkScope } from './relink';
export { correctStrategy, decideCampaignPost, PostDecision, StrategyCorrectionForm } from './decisions';
export { classifierQuality, type ClassifierQuality } from './classifier-quality';
export { hashtagReport } from './hashtag-report';
export { replyMeasures, type ReplyMeasures } from './engagement';
