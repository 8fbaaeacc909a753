/**
 * The collectors a run uses, in the order their diagnostics are reported. A new signal is
 * a folder under src/signals/ and one line here.
 */
import type { Collector } from './collector.js';
import { configCollector } from './config/collector.js';
import { coverageCollector } from './coverage/collector.js';
import { gitCollector } from './git/collector.js';
import { ownersCollector } from './owners/collector.js';
import { practicesCollector } from './practices/collector.js';

export const COLLECTORS: readonly Collector[] = [
  gitCollector,
  coverageCollector,
  configCollector,
  practicesCollector,
  ownersCollector,
];

export type { CollectContext, Collector, CollectorResult, GroupSignals } from './collector.js';
