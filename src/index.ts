/**
 * mldebt's programmatic API: every command as a function that returns data and prints
 * nothing, the renderers by format name, and the Report contract.
 *
 * ```ts
 * import { audit, renderReport } from 'mldebt';
 * const { report } = await audit({ cwd: '/path/to/repo' });
 * process.stdout.write(await renderReport(report, 'markdown', { color: false }));
 * ```
 *
 * Errors a caller can cause are {@link UserError}s (with `exitCode` 2 and a location where
 * there is one); anything else is a bug.
 */
export { audit, type AuditResult } from './commands/audit.js';
export { explain, type ExplainResult } from './commands/explain.js';
export { validate, type ValidateResult } from './commands/validate.js';
export { scan, type ScanOptions, type ScanResult } from './commands/scan.js';
export { DEFAULT_INIT_SUGGESTIONS, DEFAULT_TREND_MONTHS } from './commands/defaults.js';
export { init, type InitOptions, type InitResult, type SuggestedItem } from './commands/init.js';
export {
  SCAN_FORMATS,
  renderScan,
  type ScanFormat,
  type ScanRenderOptions,
} from './report/scan/index.js';
export type { ScanReport, ScanRow, ScanCoverage } from './model/scan.js';
export { plan, resolveCapacity, type PlanOptions, type PlanResult } from './commands/plan.js';
export { planSprint } from './scoring/plan.js';
export { trend, assembleTrend, type TrendOptions, type TrendResult } from './commands/trend.js';
export {
  TREND_FORMATS,
  renderTrend,
  type TrendFormat,
  type TrendRenderOptions,
} from './report/trend/index.js';
export {
  PLAN_FORMATS,
  renderPlan,
  type PlanFormat,
  type PlanRenderOptions,
} from './report/plan/index.js';
export { merge, type MergeOptions, type MergeResult } from './commands/merge.js';
export {
  mergeReports,
  checkComparable,
  type NamedReport,
  type ReportToMerge,
} from './scoring/portfolio.js';
export {
  PORTFOLIO_FORMATS,
  renderPortfolio,
  type PortfolioFormat,
  type PortfolioRenderOptions,
} from './report/portfolio/index.js';
export { warningLines as portfolioWarningLines } from './report/portfolio/cells.js';
export * from './model/portfolio.js';
export type { RunOptions } from './pipeline/options.js';
export { MEASUREMENT_WARNINGS } from './pipeline/build-report.js';
export { displayPath, resolveTarget } from './pipeline/context.js';
export { readGitDirectories } from './signals/git/repo.js';
export {
  OUTPUT_FORMATS,
  loadRenderer,
  renderReport,
  type OutputFormat,
} from './report/registry.js';
export type { RenderOptions, Renderer } from './report/format.js';
export { renderExplain, renderNotRanked } from './report/explain.js';
export { formatProblem, type Problem } from './inventory/problems.js';
export { EXIT, UserError } from './errors.js';
export { VERSION } from './version.js';
export * from './model/index.js';
