import { KitAuditAndPseudonyms1764460000100 } from './1764460000100-kit-audit-and-pseudonyms';
import { KitDataVersion1764460000200 } from './1764460000200-kit-data-version';
import { KitSourceKeyedPseudonyms1764460000310 } from './1764460000310-kit-source-keyed-pseudonyms';
import { KitAuditChain1764460000400 } from './1764460000400-kit-audit-chain';
import { KitProvenance1764481000000 } from './1764481000000-kit-provenance';
import { KitStatisticsRollupDefinition1764491000000 } from './1764491000000-kit-statistics-rollup-definition';
import { KitPeriodSubmissionHistory1764950000000 } from './1764950000000-kit-period-submission-history';
import { KitHistoryRowOnce1765100000200 } from './1765100000200-kit-history-row-once';

/** Migrations of the tables the kit owns in every source's database, run after the source's own. */
export const KIT_MIGRATIONS: Function[] = [
  KitAuditAndPseudonyms1764460000100,
  KitDataVersion1764460000200,
  KitSourceKeyedPseudonyms1764460000310,
  KitAuditChain1764460000400,
  KitProvenance1764481000000,
  KitStatisticsRollupDefinition1764491000000,
  KitPeriodSubmissionHistory1764950000000,
  KitHistoryRowOnce1765100000200,
];
