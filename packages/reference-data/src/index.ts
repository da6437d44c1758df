export { referenceDataset, referenceRecords, SYNTHETIC_NOTICE, TROOP_CONTRIBUTORS } from './generate';
export { CROSS_SOURCE_SUBJECTS } from './cross-source-subjects';
export { Random } from './random';
