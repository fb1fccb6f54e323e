// The report's parameters are shared with the builder page (client side); the server reads them from here.
export {
	InvalidReportParams,
	REPORT_SECTIONS,
	ReportParams,
	reportParamsFromQuery,
	reportQuery,
	type ReportParamsInput,
	type ReportSection
} from '../../domain/report-params';
