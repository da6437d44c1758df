import { forbidden, unauthenticated } from './errors';

/** Who a caller is to the hub. */
export enum Role {
  COORDINATOR = 'coordinator',
  FOCAL_POINT = 'focal-point',
  REPORT_AUTHOR = 'report-author',
  SCREENER = 'screener',
}

/** What a caller may ask for. */
export type Operation = 'statistics' | 'cases' | 'screening' | 'screening-details' | 'audit';

/** The role × operation matrix. Focal points are further limited to their own source and entities. */
export const PERMISSIONS: Readonly<Record<Operation, readonly Role[]>> = {
  statistics: [Role.COORDINATOR, Role.FOCAL_POINT, Role.REPORT_AUTHOR],
  cases: [Role.COORDINATOR, Role.FOCAL_POINT],
  screening: [Role.COORDINATOR, Role.SCREENER],
  /** What a match was (year, type, status, actions); screeners learn only whom to contact. */
  'screening-details': [Role.COORDINATOR],
  audit: [Role.COORDINATOR, Role.FOCAL_POINT],
};

/** How errors name an operation to the caller. */
export const OPERATION_NAMES: Readonly<Record<Operation, string>> = {
  statistics: 'statistics',
  cases: 'case-level records',
  screening: 'screening',
  'screening-details': 'the details of screening matches',
  audit: 'audit summaries',
};

/** An authenticated caller, as the gateway established it and forwards it to the sources. */
export interface Caller {
  readonly subject: string;
  readonly role: Role;
  /** Focal points: the source they answer for (its slug, e.g. 'peacekeeping'). */
  readonly source?: string;
  /** Focal points: the entity codes they answer for. */
  readonly entities?: readonly string[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (Object.values(Role) as string[]).includes(value);
}

export function may(caller: Caller, operation: Operation): boolean {
  return PERMISSIONS[operation].includes(caller.role);
}

/** Throws UNAUTHENTICATED without a caller, FORBIDDEN unless the caller's role allows the operation. */
export function requirePermission(caller: Caller | undefined, operation: Operation): Caller {
  if (!caller) throw unauthenticated('no caller');
  if (!may(caller, operation)) throw forbidden(operation);
  return caller;
}
