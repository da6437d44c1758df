export { referenceDataset, referenceRecords, SYNTHETIC_NOTICE, CROSS_SOURCE_SUBJECTS, TROOP_CONTRIBUTORS } from './generate';
export { Random } from './random';
