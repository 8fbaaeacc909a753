/**
 * Configuration files as evidence: environment drift, hardcoded secrets, stale files,
 * unversioned files, and files that do not parse. {@link examineConfigFiles} examines any
 * groups of files (an item's files, or one directory's in `scan`); the audit's collector
 * (collector.ts) is a thin wrapper over it.
 */
export {
  examineConfigFiles,
  type ConfigExamination,
  type ConfigExaminationInput,
  type ConfigGroup,
} from './examine.js';
export { configTypeOf, type ConfigType } from './config-types.js';
export { MAX_CONFIG_BYTES } from './read-config-file.js';
export { historyReachMs, stalenessHistory, type ConfigHistory } from './stale.js';
export {
  MAX_UNVERSIONED_LISTED,
  unversionedConfigFiles,
  type UnversionedConfigFile,
} from './unversioned.js';
export { listUnversionedFiles } from '../git/repo.js';
export { CONFIG_HISTORY_NOT_MEASURED } from './collector.js';
