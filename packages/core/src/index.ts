/**
 * The public API of @coresweep/core, named one by one: what strategy and workload authors, the runner and the
 * report rely on. Helpers of the statistics (special functions, sorted-array percentiles) stay internal.
 */

export {
  betweenRunSpread,
  betweenRunsLine,
  comparableRun,
  type LogEstimate,
  logSpeedup,
  logTime,
  MIN_COMPARISONS,
  runEstimates,
  spreadOver,
  widenedInterval,
  withBetweenRunSpread,
} from './between-runs.js';
export { type BetweenRuns, BetweenRunsSchema, type SpreadComponent } from './between-runs-schema.js';
export {
  baselineKey,
  byCellKey,
  type CellIdentity,
  cellIdentity,
  cellKey,
  cellLabel,
  matrixKey,
  type ReferenceIdentity,
  referenceKey,
  SERIAL_ID,
  transportOf,
} from './cells.js';
export {
  DATA_TRANSPORTS,
  type DataMoved,
  type DataWorkload,
  DEFAULT_TRANSPORTS,
  defineStrategy,
  defineWorkload,
  type Executor,
  ID_PATTERN,
  NO_TRANSPORT,
  type Parallelism,
  type PartRange,
  type RuntimeInfo,
  type Strategy,
  type StrategyContext,
  type StrategyTarget,
  type Transport,
  type Workload,
  type WorkloadSizes,
} from './contracts.js';
export { type Crossover, crossoverSize, type SizeTime } from './crossover.js';
export { CSV_COLUMNS, csvField, toCsv } from './csv.js';
export {
  CoresweepError,
  deserializeError,
  type ErrorCode,
  isInputError,
  type SerializedError,
  serializeError,
} from './errors.js';
export {
  formatBytes,
  formatChange,
  formatInterval,
  formatMs,
  formatPercent,
  formatPrecision,
  formatSize,
  formatSpeedup,
  MISSING,
} from './format.js';
export {
  formatLevel,
  type IntervalEstimate,
  NOMINAL_CONFIDENCE,
  type RatioEstimate,
  ratioInterval,
  timeInterval,
} from './intervals.js';
export { importDefault, importWorkload } from './load.js';
export {
  derivedMachineIdentity,
  hashString,
  MACHINE_NAME_PATTERN,
  type MachineIdentity,
  machineIdentity,
} from './machine.js';
export {
  type AmdahlFit,
  amdahlSpeedup,
  efficiency,
  type FitInsufficient,
  fitAmdahl,
  fitUsl,
  karpFlatt,
  type OverheadInput,
  type OverheadSplit,
  overheadSplit,
  type SpeedupPoint,
  speedup,
  type UslFit,
  uslSpeedup,
} from './models.js';
export { type CellPair, type CellPairing, type PairableRun, pairCells } from './pairing.js';
export { partition } from './partition.js';
export { payloadBytes } from './payload.js';
export {
  maxRepetitionsFor,
  nextStep,
  type PrecisionSettings,
  precisionSettings,
  relativeHalfWidth,
  SERIAL_PRECISION_FACTOR,
  SERIAL_REPETITIONS_FACTOR,
  targetFor,
} from './precision.js';
export { createRandom, createWords, type Random, shuffled } from './random.js';
export { MIN_REPETITIONS, okRepetitions, repetitionMedians } from './repetitions.js';
export { parseResultFile, validateResultFile } from './result-file.js';
export { fitRunModels } from './run-models.js';
export {
  cellRuntime,
  type RuntimeIdentity,
  runRuntimeInfo,
  runtimeId,
  runtimeLabel,
  runtimesOf,
} from './runtimes.js';
// The result file's format is public: its zod schemas and the types inferred from them.
export {
  AmdahlModelSchema,
  type Cell,
  CellSchema,
  type CellStatus,
  CellStatusSchema,
  ComponentSchema,
  ConfigSchema,
  CrossoverSchema,
  type Machine,
  MachineSchema,
  type Models,
  ModelsSchema,
  type Phases,
  PhasesSchema,
  type Repetition,
  RepetitionSchema,
  type ResultFile,
  ResultFileSchema,
  type RunConfig,
  RuntimeInfoSchema,
  RuntimeSchema,
  resultJsonSchema,
  SCHEMA_VERSION,
  ScalingModelSchema,
  SpeedupSchema,
  type StopReason,
  StopReasonSchema,
  StrategyInfoSchema,
  type Timing,
  TimingSchema,
  TransportSchema,
  UslModelSchema,
  WorkloadInfoSchema,
} from './schema.js';
export {
  type MannWhitneyOptions,
  type MannWhitneyResult,
  mannWhitneyU,
  studentTQuantile,
  type WelchResult,
  welchTTest,
} from './significance.js';
export { DISTURBED_WARNING, disturbedSpeedupWarning, speedupLimit } from './speedup-limit.js';
export {
  type BootstrapOptions,
  bootstrapMedianInterval,
  bootstrapRatioInterval,
  coefficientOfVariation,
  type Interval,
  mean,
  median,
  medianAbsoluteDeviation,
  modifiedZScores,
  percentile,
  type Summary,
  standardDeviation,
  summarize,
} from './stats.js';
export { type TimeSpent, timeSpent } from './time-spent.js';
export {
  type ChangeVerdict,
  DEFAULT_ALPHA,
  DEFAULT_NOISE,
  DEFAULT_VERDICT_SETTINGS,
  describeVerdictRule,
  judgeable,
  judgeCells,
  judgeChange,
  type Verdict,
  type VerdictSettings,
} from './verdict.js';
