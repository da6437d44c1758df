/* GraphiQL served by the hub from its own files (no CDN), with the README's example queries. */
(function () {
  'use strict';
  var examples = [
    {
      query:
        '# 2016 by source (README). Put your token in the headers below:\n# { "Authorization": "Bearer <npm run -s token -- --role coordinator>" }\n' +
        '{\n  allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) {\n    total { allegations }\n    rows { key { source } counts { allegations } }\n    complete\n    notices\n  }\n}\n',
    },
    {
      query:
        '# A case page across sources (README)\n{\n  allegations(filter: { year: 2016, entities: ["MINUSCA"] }, first: 2) {\n    items { id reference reportedMonth allegationType personnelCategory nationality victims { total minors } investigationStatus synthetic }\n    hasNextPage\n    endCursor\n    complete\n  }\n}\n',
    },
  ];
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: examples,
      defaultHeaders: '{ "Authorization": "Bearer " }',
      shouldPersistHeaders: false,
    }),
  );
})();
