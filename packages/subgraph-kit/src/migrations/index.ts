import { KitAuditAndPseudonyms1764460000100 } from './1764460000100-kit-audit-and-pseudonyms';

/** Migrations of the tables the kit owns in every source's database, run after the source's own. */
export const KIT_MIGRATIONS: Function[] = [KitAuditAndPseudonyms1764460000100];
