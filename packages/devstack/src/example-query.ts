/** The query `npm start` prints and the README shows, with its real output. */
export const EXAMPLE_QUERY =
  '{ allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) { total { allegations } rows { key { source } counts { allegations } } complete notices } }';
