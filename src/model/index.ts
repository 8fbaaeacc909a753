/**
 * The Report contract and the types every layer shares. Imports nothing outside this folder,
 * so anything may depend on it and it on nothing.
 */
export type * from './location.js';
export type * from './signals.js';
export * from './report.js';
export * from './plan.js';
export * from './trend.js';
