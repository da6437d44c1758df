/**
 * The selections the system view requires from every source (`@requires`). They must name
 * every field of the contribution types: a unit test checks them against the built schema.
 */
const VICTIMS = 'women girls femaleUnknownAge men boys maleUnknownAge unknown total minors';
const TIMELINESS =
  'completedInvestigations investigationDaysHistogram medianInvestigationDays p90InvestigationDays completedOverTarget ' +
  'openCases openUnder3Months open3To6Months open6To12Months openOver12Months openOverTarget';
const COUNTS =
  `allegations victims { ${VICTIMS} } allegationsInvolvingMinors perpetrators perpetratorsMen perpetratorsWomen ` +
  'perpetratorsUnknownSex allegationsWithUnknownPerpetrators allegationsReferredToMemberState syntheticAllegations ' +
  `timeliness { ${TIMELINESS} }`;
const KEY =
  'source entity year quarter month allegationType personnelCategory nationality investigationStatus investigatingEntity ' +
  'paternity interimAction finalAction memberStateResponse actionActor incidentYear headlineLine';
const ALLEGATION =
  'id source reference entity entityKind reportedMonth incidentPeriod allegationType personnelCategory ' +
  `nationality perpetrators perpetratorsMen perpetratorsWomen victims { ${VICTIMS} } investigatingEntities ` +
  'investigationStatus investigationDays investigationStartedMonth investigationCompletedMonth ' +
  'interimActions finalActions memberStateActions ' +
  'memberStateReferral { notifiedMonth nioRequested nioAppointed response lastResponseMonth } ' +
  'paternity assistance criminalReferral synthetic';

export const SOURCE_STATISTICS_SELECTION =
  `source status total { ${COUNTS} } rows { key { ${KEY} } counts { ${COUNTS} } } dataVersion answeredAt ` +
  'submissions { entity quarter closed changedAt dataVersion }';
export const SOURCE_SCREENING_SELECTION =
  'source status contactEntities matches { source entity year allegationType investigationStatus finalActions } dataVersion answeredAt';
export const SOURCE_AUDIT_SELECTION = 'source status rows { operation role requests records }';
export const SOURCE_PAGE_SELECTION = `source status items { ${ALLEGATION} } hasNextPage endCursor dataVersion answeredAt`;
export const SOURCE_LOOKUP_SELECTION = `source status items { ${ALLEGATION} } dataVersion answeredAt`;
