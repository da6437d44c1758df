export {
  referenceDataset,
  referenceRecords,
  REFERENCE_SEED,
  SYNTHETIC_NOTICE,
  CROSS_SOURCE_SUBJECTS,
  TROOP_CONTRIBUTORS,
} from './generate';
export { PLANS, UN_SYSTEM_VICTIMS_2016 } from './plans';
export type { YearPlan } from './plans';
export { Random } from './random';
