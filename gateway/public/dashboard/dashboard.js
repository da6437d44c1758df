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
    'NON_UN_FORCE_POLICE',
    'NON_UN_FORCE_CIVILIAN',
  ];
  /** Words for the contract's enum values: people read the dashboard, not the schema. */
  var WORDS = {
    PEACEKEEPING: 'peacekeeping',
    AGENCIES: 'agencies, funds and programmes',
    NON_UN_FORCES: 'non-UN forces',
    SE: 'sexual exploitation',
    SA: 'sexual abuse',
    OTHER: 'other',
    UNKNOWN: 'unknown',
    MILITARY_CONTINGENT: 'military (contingent)',
    MILITARY_OBSERVER: 'military (observer, staff officer)',
    POLICE_INDIVIDUAL: 'police (individual)',
    POLICE_FPU: 'police (formed unit)',
    CIVILIAN_INTERNATIONAL: 'civilian (international)',
    CIVILIAN_NATIONAL: 'civilian (national)',
    UN_VOLUNTEER: 'UN volunteer',
    STAFF: 'staff',
    RELATED_PERSONNEL: 'related personnel',
    IMPLEMENTING_PARTNER: 'implementing partner',
    NON_UN_FORCE: 'non-UN force (military)',
    NON_UN_FORCE_POLICE: 'non-UN force (police)',
    NON_UN_FORCE_CIVILIAN: 'non-UN force (civilian)',
    PRELIMINARY_ASSESSMENT: 'under preliminary assessment',
    UNDER_REVIEW: 'under review (limited information)',
    UNDER_INVESTIGATION: 'under investigation',
    SUBSTANTIATED: 'substantiated',
    NOT_SUBSTANTIATED: 'not substantiated',
    CLOSED_OTHER: 'closed under other circumstances',
    NONE: 'no response',
    ACKNOWLEDGED: 'acknowledged',
    INVESTIGATING: 'investigating',
    OUTCOME_REPORTED: 'outcome reported',
  };
  function word(value) {
    return Object.prototype.hasOwnProperty.call(WORDS, value) ? WORDS[value] : value;
  }
  window.PSEA_WORDS = WORDS;
  var TIMELINESS =
    'timeliness { completedInvestigations medianInvestigationDays p90InvestigationDays completedOverTarget openCases openUnder3Months open3To6Months open6To12Months openOver12Months openOverTarget }';
  var VIEW =
    'total { allegations allegationsReferredToMemberState victims { women girls femaleUnknownAge men boys maleUnknownAge unknown total minors } ' +
    TIMELINESS +
    ' } rows { key { source entity year investigationStatus memberStateResponse } counts { allegations } } complete missingSources notices' +
    ' provenance { source status dataVersion answeredAt } unsubmittedEntities { entity quarters }';
  /** The years the sources hold, from the gateway (loadChoices); none until then. */
  var years = [];
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

  /** Where the figures came from: each source's data version and answer time, and who has not submitted. */
  function provenanceText(v) {
    var sources = v.provenance
      .filter(function (p) {
        return p.status === 'OK';
      })
      .map(function (p) {
        return p.source + ' data version ' + p.dataVersion + ' (answered ' + p.answeredAt + ')';
      });
    var open = v.unsubmittedEntities.map(function (u) {
      return u.entity + ' (' + u.quarters.join(', ') + ')';
    });
    return (
      'Data: ' +
      (sources.join('; ') || 'no source answered') +
      '.' +
      (open.length ? ' Not yet submitted: ' + open.join('; ') + '.' : '')
    );
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
    var first = years.length ? years[0] : Number(period.slice(0, 4));
    var last = years.length ? years[years.length - 1] : Number(period.slice(0, 4));
    return { current: current, trend: Object.assign({}, rest, { fromMonth: first + '-01', toMonth: last + '-12' }) };
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
    ' }' +
    ' byResponse: allegationStatistics(filter: $f, groupBy: [MEMBER_STATE_RESPONSE]) { ' +
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
        option.textContent = word(v);
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
        {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: type === 'doughnut' } },
          // Counts start at zero, or a small change looks like a large one.
          scales: type === 'doughnut' ? {} : { y: { beginAtZero: true } },
        },
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
      var views = [d.bySourceEntity, d.byStatus, d.trend, d.byResponse];
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
      banner('banner-provenance', provenanceText(d.bySourceEntity));
      var sourceOf = window.PSEA_ENTITY_SOURCE || {};
      panel(
        'entities',
        'Allegations by source and entity (total ' + d.bySourceEntity.total.allegations + ')',
        'bar',
        ['source', 'entity', 'allegations'],
        d.bySourceEntity.rows.map(function (r) {
          return [word(sourceOf[r.key.entity] || ''), r.key.entity, value(r)];
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
          return [word(r.key.investigationStatus), value(r)];
        }),
      );
      var t = d.bySourceEntity.total.timeliness;
      var days = function (n) {
        return n === null ? 'none completed' : n + ' days';
      };
      panel(
        'timeliness',
        'Timeliness: median ' +
          days(t.medianInvestigationDays) +
          ', 90th percentile ' +
          days(t.p90InvestigationDays) +
          ' (15-day bins); ' +
          t.completedOverTarget +
          ' of ' +
          t.completedInvestigations +
          ' completed over target',
        'bar',
        ['open cases', 'allegations'],
        [
          ['received under 3 months ago', t.openUnder3Months],
          ['3 to 6 months ago', t.open3To6Months],
          ['6 to 12 months ago', t.open6To12Months],
          ['over 12 months ago', t.openOver12Months],
          ['open beyond the target (6 months; 3 involving minors)', t.openOverTarget],
        ],
      );
      var referred = d.byResponse.total.allegationsReferredToMemberState;
      panel(
        'referrals',
        'Referred to Member States: ' + referred + ' (on top of the statuses), by response',
        'bar',
        ['Member State response', 'allegations'],
        d.byResponse.rows
          .filter(function (r) {
            return r.key.memberStateResponse !== null;
          })
          .map(function (r) {
            return [word(r.key.memberStateResponse), value(r)];
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

  /** The periods the sources hold: every year, newest first, and its quarters. */
  function periodChoices(quarters) {
    var chosen = $('period').value;
    years = [];
    quarters.forEach(function (q) {
      var y = Number(q.slice(0, 4));
      if (years.indexOf(y) < 0) years.push(y);
    });
    years.sort();
    if (!years.length) return;
    // Built as nodes: the values come from the sources and are never read as markup.
    var option = function (value, text) {
      var o = document.createElement('option');
      o.value = value;
      o.textContent = text;
      return o;
    };
    var options = [];
    years
      .slice()
      .reverse()
      .forEach(function (y) {
        options.push(option(String(y), String(y)));
        quarters
          .filter(function (q) {
            return q.slice(0, 4) === String(y);
          })
          .sort()
          .forEach(function (q) {
            options.push(option(q, y + ' Q' + q.slice(5)));
          });
      });
    $('period').replaceChildren.apply($('period'), options);
    if (chosen && quarters.concat(years.map(String)).indexOf(chosen) >= 0) $('period').value = chosen;
    else if (years.length) $('period').value = String(years[years.length - 1]);
  }

  function loadChoices() {
    return gql(
      '{ allegationStatistics(groupBy: [SOURCE, ENTITY]) { rows { key { source entity } } } periods: allegationStatistics(groupBy: [QUARTER]) { rows { key { quarter } } } }',
    ).then(function (answer) {
      if (!answer.data) return;
      periodChoices(
        (answer.data.periods ? answer.data.periods.rows : []).map(function (r) {
          return r.key.quarter;
        }),
      );
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
