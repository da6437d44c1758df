/* GraphiQL served by the hub from its own files (no CDN), with the README's example queries as
   named tabs. The token is given once, above the editor, and sent with every request of every
   tab and with the schema fetch; nothing is sent without one (so no 401 to start with). */
(function () {
  'use strict';
  var examples = [
    {
      query:
        '# Allegations in 2016 by source (README: "What you get")\n' +
        'query StatisticsBySource2016 {\n  allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) {\n    total { allegations syntheticAllegations }\n    rows { key { source } counts { allegations } }\n    complete\n    notices\n  }\n}\n',
    },
    {
      query:
        '# A case page across sources (README: "A case page"); coordinators and focal points only\n' +
        'query CasePageMinusca2016 {\n  allegations(filter: { year: 2016, entities: ["MINUSCA"] }, first: 2) {\n    items { id reference reportedMonth allegationType personnelCategory nationality victims { total minors } investigationStatus synthetic }\n    hasNextPage\n    endCursor\n    complete\n    notices\n  }\n}\n',
    },
  ];
  var $ = function (id) {
    return document.getElementById(id);
  };
  var ROLE_WORDS = {
    coordinator: 'coordinator',
    'focal-point': 'focal point',
    'report-author': 'report author',
    screener: 'screener',
  };

  function token() {
    return sessionStorage.getItem('psea-token') || '';
  }

  /* Every tab's requests and the schema fetch go through here, with the signed-in token; a
     header typed into a tab's headers still wins, for trying another token. */
  function fetcher(params, opts) {
    if (!token() && !(opts && opts.headers && opts.headers.Authorization)) {
      return Promise.resolve({ errors: [{ message: 'Not signed in: paste a token above and press Sign in.' }] });
    }
    var headers = Object.assign(
      { 'content-type': 'application/json', authorization: 'Bearer ' + token() },
      (opts && opts.headers) || {},
    );
    // GraphiQL can keep the operation name of the tab run before (seen with the example tabs):
    // a name the document does not declare is dropped, so a one-operation document runs.
    var body = Object.assign({}, params);
    var name = body.operationName;
    if (name && !new RegExp('\\b(query|mutation|subscription)\\s+' + name + '\\b').test(body.query || '')) {
      delete body.operationName;
    }
    return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(body) }).then(function (r) {
      return r.json();
    });
  }

  var root = ReactDOM.createRoot($('graphiql'));
  var generation = 0;
  /* Rendered again (a new key) after signing in, so the schema is fetched with the token. */
  function render() {
    generation += 1;
    root.render(
      React.createElement(GraphiQL, {
        key: generation,
        fetcher: fetcher,
        defaultTabs: examples,
        shouldPersistHeaders: false,
        storage: {
          getItem: function () {
            return null;
          },
          setItem: function () {},
          removeItem: function () {},
          clear: function () {},
          key: function () {
            return null;
          },
          length: 0,
        },
      }),
    );
  }

  function signIn() {
    if (!token()) return Promise.resolve(render());
    return fetch('/auth/whoami', { headers: { authorization: 'Bearer ' + token() } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          sessionStorage.removeItem('psea-token');
          $('who').className = 'refused';
          $('who').textContent = 'Not signed in: the token was refused (' + body.error.message + ').';
        } else {
          $('who').className = '';
          $('who').textContent = 'Signed in as ' + body.subject + ', role: ' + (ROLE_WORDS[body.role] || body.role) + '.';
          document.body.setAttribute('data-signed-in', body.role);
        }
        render();
      });
    });
  }

  $('signin').addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem('psea-token', $('token').value.trim());
    $('token').value = '';
    signIn();
  });
  signIn();
})();
