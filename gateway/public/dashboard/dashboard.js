/* The dashboard: asks the gateway, draws charts with Chart.js (served by the hub itself), and
   offers each table as CSV. It holds no data beyond what is on screen. */
(function () {
  'use strict';
  var CATEGORIES = [
    'MILITARY_CONTINGENT',
    'MILITARY_OBSERVER',
    'POLICE_INDIVIDUAL',
    'POLICE_FPU',
    'CIVILIAN_INTERNATIONAL',
    'CIVILIAN_NATIONAL',
    'UN_VOLUNTEER',
    'STAFF',
    'RELATED_PERSONNEL',
    'IMPLEMENTING_PARTNER',
    'NON_UN_FORCE',
  ];
  var VIEW =
    'total { allegations victims { women girls femaleUnknownAge men boys maleUnknownAge unknown total minors } } rows { key { source entity year investigationStatus } counts { allegations } } complete missingSources notices';
  var charts = {};
  var $ = function (id) {
    return document.getElementById(id);
  };

  function token() {
    return sessionStorage.getItem('psea-token') || '';
  }

  function gql(query, variables) {
    return fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token() },
      body: JSON.stringify({ query: query, variables: variables }),
    }).then(function (r) {
      return r.json();
    });
  }

  function banner(id, text) {
    var el = $(id);
    el.hidden = !text;
    el.textContent = text || '';
  }

  /** The filter the form describes: the period, and the other choices. */
  function filters() {
    var period = $('period').value;
    var rest = {};
    if ($('source').value) rest.sources = [$('source').value];
    if ($('entity').value) rest.entities = [$('entity').value];
    if ($('allegationType').value) rest.allegationTypes = [$('allegationType').value];
    if ($('personnelCategory').value) rest.personnelCategories = [$('personnelCategory').value];
    var current = Object.assign({}, rest, /Q/.test(period) ? { quarter: period } : { year: Number(period) });
    return { current: current, trend: Object.assign({}, rest, { fromMonth: '2015-01', toMonth: '2017-12' }) };
  }

  /** The request the dashboard sends, exported for the tests that compare downloads with the API. */
  var QUERY =
    'query Dashboard($f: AllegationFilter, $t: AllegationFilter) {' +
    ' bySourceEntity: allegationStatistics(filter: $f, groupBy: [ENTITY]) { ' +
    VIEW +
    ' }' +
    ' byStatus: allegationStatistics(filter: $f, groupBy: [INVESTIGATION_STATUS]) { ' +
    VIEW +
    ' }' +
    ' trend: allegationStatistics(filter: $t, groupBy: [YEAR]) { ' +
    VIEW +
    ' } }';

  /* A text cell a spreadsheet would run as a formula gets a leading apostrophe, as csv-stringify's
     escape_formulas does for the hub's other CSV files; numbers stay numbers. */
  function csvCell(c) {
    var s = c === null || c === undefined ? '' : String(c);
    if (typeof c !== 'number' && /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function csv(rows) {
    return (
      rows
        .map(function (r) {
          return r.map(csvCell).join(',');
        })
        .join('\n') + '\n'
    );
  }
  window.PSEA_DASHBOARD = { query: QUERY, filters: filters, csv: csv };

  /* An element with an optional class, children and text: the dashboard writes no markup. */
  function el(tag, className, children, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (c) {
      node.appendChild(c);
    });
    if (text) node.textContent = text;
    return node;
  }

  /* Options are built as DOM nodes: a value from a source is text, never markup. */
  function setOptions(select, values) {
    var all = document.createElement('option');
    all.value = '';
    all.textContent = 'all';
    var nodes = [all].concat(
      values.map(function (v) {
        var option = document.createElement('option');
        option.value = v;
        option.textContent = v;
        return option;
      }),
    );
    select.replaceChildren.apply(select, nodes);
  }

  function panel(id, title, type, header, rows, chartOptions) {
    var section = $('panel-' + id);
    if (!section) {
      section = document.createElement('section');
      section.id = 'panel-' + id;
      var h2 = el('h2', null, [el('span'), el('button', 'download', [], 'Download CSV')]);
      h2.lastChild.type = 'button';
      section.append(h2, el('div', 'chart', [el('canvas')]), el('div', 'table-wrap', [el('table')]));
      $('panels').appendChild(section);
    }
    section.querySelector('h2 span').textContent = title;
    var table = section.querySelector('table');
    var head = document.createElement('thead');
    var headRow = document.createElement('tr');
    header.forEach(function (h) {
      var th = document.createElement('th');
      th.textContent = h;
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    table.replaceChildren(head);
    var body = document.createElement('tbody');
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      r.forEach(function (c, i) {
        var td = document.createElement('td');
        td.textContent = c === null ? 'withheld' : String(c);
        if (i === r.length - 1) td.className = 'n';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    var data = [header].concat(rows);
    section.querySelector('.download').onclick = function () {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([csv(data)], { type: 'text/csv' }));
      a.download = id + '.csv';
      a.click();
    };
    var labels = rows.map(function (r) {
      return r.slice(0, -1).join(' · ');
    });
    var values = rows.map(function (r) {
      return r[r.length - 1];
    });
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart(section.querySelector('canvas'), {
      type: type,
      data: { labels: labels, datasets: [{ label: title, data: values }] },
      options: Object.assign(
        { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: type === 'doughnut' } } },
        chartOptions || {},
      ),
    });
  }

  function value(row) {
    return row.counts.allegations;
  }

  function refresh() {
    if (!token()) {
      banner('banner-error', 'Sign in with a token to see the figures.');
      return Promise.resolve();
    }
    var f = filters();
    return gql(QUERY, { f: f.current, t: f.trend }).then(function (answer) {
      if (!answer.data) {
        banner('banner-error', (answer.errors || [{ message: 'no answer' }])[0].message);
        return;
      }
      banner('banner-error', '');
      var d = answer.data;
      var views = [d.bySourceEntity, d.byStatus, d.trend];
      var missing = [];
      views.forEach(function (v) {
        v.missingSources.forEach(function (s) {
          if (missing.indexOf(s) < 0) missing.push(s);
        });
      });
      banner(
        'banner-incomplete',
        missing.length
          ? 'Incomplete: ' + missing.join(', ') + ' did not answer. Figures exclude ' + (missing.length > 1 ? 'them' : 'it') + '.'
          : '',
      );
      var synthetic = views.some(function (v) {
        return v.notices.some(function (n) {
          return /SYNTHETIC/.test(n);
        });
      });
      banner(
        'banner-synthetic',
        synthetic ? 'These figures count synthetic records: the published totals are real, the case records are not.' : '',
      );
      var sourceOf = window.PSEA_ENTITY_SOURCE || {};
      panel(
        'entities',
        'Allegations by source and entity (total ' + d.bySourceEntity.total.allegations + ')',
        'bar',
        ['source', 'entity', 'allegations'],
        d.bySourceEntity.rows.map(function (r) {
          return [sourceOf[r.key.entity] || '', r.key.entity, value(r)];
        }),
      );
      panel(
        'trend',
        'Trend over the years',
        'line',
        ['year', 'allegations'],
        d.trend.rows.map(function (r) {
          return [r.key.year, value(r)];
        }),
      );
      panel(
        'status',
        'Investigation status',
        'doughnut',
        ['status', 'allegations'],
        d.byStatus.rows.map(function (r) {
          return [r.key.investigationStatus, value(r)];
        }),
      );
      var v = d.bySourceEntity.total.victims;
      panel(
        'victims',
        'Victims by sex and age group',
        'bar',
        ['group', 'victims'],
        [
          ['women', v.women],
          ['girls', v.girls],
          ['female, age unknown', v.femaleUnknownAge],
          ['men', v.men],
          ['boys', v.boys],
          ['male, age unknown', v.maleUnknownAge],
          ['unknown', v.unknown],
        ],
      );
      document.body.setAttribute('data-total', String(d.bySourceEntity.total.allegations));
    });
  }

  function loadChoices() {
    return gql('{ allegationStatistics(groupBy: [SOURCE, ENTITY]) { rows { key { source entity } } } }').then(function (answer) {
      if (!answer.data) return;
      var sources = [],
        map = {};
      answer.data.allegationStatistics.rows.forEach(function (r) {
        map[r.key.entity] = r.key.source;
        if (sources.indexOf(r.key.source) < 0) sources.push(r.key.source);
      });
      window.PSEA_ENTITY_SOURCE = map;
      setOptions($('source'), sources);
      setOptions($('entity'), Object.keys(map).sort());
    });
  }

  setOptions($('personnelCategory'), CATEGORIES);
  $('signin').addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem('psea-token', $('token').value.trim());
    $('token').value = '';
    start();
  });
  $('filters').addEventListener('change', function () {
    refresh();
  });

  function start() {
    document.body.removeAttribute('data-ready');
    $('who').textContent = token() ? 'signed in' : '';
    if (!token()) return refresh();
    return loadChoices()
      .then(refresh)
      .then(function () {
        document.body.setAttribute('data-ready', 'true');
      });
  }
  start();
})();
