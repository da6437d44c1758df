/* The dashboard: asks the gateway, draws charts with Chart.js (served by the hub itself), and
   offers each table as CSV. It holds no data beyond what is on screen. */
(function () {
  'use strict';
  /* Words for the contract's values, from the contract's one label registry (/assets/labels.js):
     people read the dashboard, not the schema. */
  var LABELS = window.PSEA_LABELS || { enums: {}, sources: {}, entities: {} };
  function word(enumName, value) {
    var words = LABELS.enums[enumName] || {};
    return Object.prototype.hasOwnProperty.call(words, value) ? words[value] : value;
  }
  function sourceWord(source) {
    return Object.prototype.hasOwnProperty.call(LABELS.sources, source) ? LABELS.sources[source] : source;
  }
  function entityName(code) {
    return Object.prototype.hasOwnProperty.call(LABELS.entities, code) ? LABELS.entities[code].name : code;
  }
  var ROLE_WORDS = {
    coordinator: 'coordinator',
    'focal-point': 'focal point',
    'report-author': 'report author',
    screener: 'screener',
  };
  var TIMELINESS =
    'timeliness { completedInvestigations medianInvestigationDays p90InvestigationDays completedOverTarget openCases openUnder3Months open3To6Months open6To12Months openOver12Months openOverTarget }';
  var VIEW =
    'total { allegations allegationsReferredToMemberState victims { women girls femaleUnknownAge men boys maleUnknownAge unknown total minors } ' +
    TIMELINESS +
    ' } rows { key { source entity year investigationStatus memberStateResponse } counts { allegations } } complete missingSources notices timelinessTargets { days urgentDays }' +
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
  /* What the filters choose, in words, for the provenance of a download. */
  function filterWords() {
    var parts = [];
    var pick = function (id, name, words) {
      if ($(id).value) parts.push(name + ': ' + words($(id).value));
    };
    pick('source', 'source', sourceWord);
    pick('entity', 'entity', function (v) {
      return entityName(v) + ' (' + v + ')';
    });
    pick('allegationType', 'type', function (v) {
      return word('AllegationType', v);
    });
    pick('personnelCategory', 'category of personnel', function (v) {
      return word('PersonnelCategory', v);
    });
    return parts.length ? parts.join('; ') : 'none (every source, entity, type and category)';
  }

  function humanNow() {
    var d = new Date();
    var day = d.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    var time = d.toLocaleString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });
    return day + ', ' + time + ' UTC';
  }

  /* The provenance every download carries, as '#' comment lines above the header row (the same
     convention as psea report's CSV files: csv-parse, pandas and R skip them with comment '#'). */
  function provenance(title, view, period) {
    var lines = [
      title,
      'Period: ' + period + '. Filters: ' + filterWords() + '.',
      'Produced ' + humanNow() + ' (' + new Date().toISOString() + ') by the PSEA federation hub dashboard, from the gateway.',
      view.complete
        ? 'Complete: every source answered.'
        : 'INCOMPLETE: ' + view.missingSources.join(', ') + ' did not answer; figures exclude them.',
    ].concat(
      view.notices.filter(function (n) {
        return !/^INCOMPLETE:/.test(n);
      }),
    );
    return lines
      .map(function (l) {
        return '# ' + String(l).replace(/[\r\n]+/g, ' ') + '\n';
      })
      .join('');
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
  function setOptions(select, values, words) {
    var chosen = select.value;
    var all = document.createElement('option');
    all.value = '';
    all.textContent = 'all';
    var nodes = [all].concat(
      values.map(function (v) {
        var option = document.createElement('option');
        option.value = v;
        option.textContent = words ? words(v) : v;
        return option;
      }),
    );
    select.replaceChildren.apply(select, nodes);
    // A choice the new list no longer offers falls back to 'all', never to an empty chart.
    select.value = values.indexOf(chosen) >= 0 ? chosen : '';
  }

  /**
   * One panel: title, chart, table and its CSV download. `meta.view` is the gateway's answer the
   * rows come from (its completeness and notices go into the download), `meta.chartLabel` what
   * the chart writes under a bar (the last cell is always the count).
   */
  function panel(id, title, type, header, rows, meta) {
    var section = $('panel-' + id);
    if (!section) {
      section = document.createElement('section');
      section.id = 'panel-' + id;
      var h2 = el('h2', null, [el('span'), el('button', 'download', [], 'Download CSV')]);
      h2.lastChild.type = 'button';
      section.append(h2, el('div', 'chart', [el('canvas')]), el('div', 'table-wrap', [el('table')]), el('p', 'provenance'));
      $('panels').appendChild(section);
    }
    section.querySelector('h2 span').textContent = title;
    // Under every figure, where it came from: its own view's sources, versions and open periods
    // (a trend's period is longer than the others').
    section.querySelector('p.provenance').textContent = provenanceText(meta.view);
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
      var text = provenance(title, meta.view, meta.period) + csv(data);
      a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      a.download = id + '.csv';
      a.click();
    };
    var labels = rows.map(
      meta.chartLabel ||
        function (r) {
          return r.slice(0, -1).join(' · ');
        },
    );
    var values = rows.map(function (r) {
      return r[r.length - 1];
    });
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart(section.querySelector('canvas'), {
      type: type,
      data: { labels: labels, datasets: [{ label: title, data: values }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: type === 'doughnut' } },
        // Counts start at zero (or a small change looks like a large one) and are whole numbers.
        scales: type === 'doughnut' ? {} : { y: { beginAtZero: true, min: 0, ticks: { precision: 0 } } },
      },
    });
  }

  function value(row) {
    return row.counts.allegations;
  }

  /** Every year from the first to the last, zeros included: a year without allegations is not a gap. */
  function everyYear(rows) {
    var counts = {};
    rows.forEach(function (r) {
      counts[r.key.year] = value(r);
    });
    var first = years.length ? years[0] : null;
    var last = years.length ? years[years.length - 1] : null;
    var out = [];
    for (var y = first; first !== null && y <= last; y++) out.push([y, counts[y] || 0]);
    return out;
  }

  function ready(on) {
    if (on) document.body.setAttribute('data-ready', 'true');
    else document.body.removeAttribute('data-ready');
  }

  function refresh() {
    if (!token()) return Promise.resolve();
    ready(false);
    var f = filters();
    var period = $('period').selectedOptions[0] ? $('period').selectedOptions[0].textContent : $('period').value;
    return gql(QUERY, { f: f.current, t: f.trend })
      .then(function (answer) {
        if (!answer.data) {
          banner('banner-error', 'The gateway refused the request: ' + (answer.errors || [{ message: 'no answer' }])[0].message);
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
            ? 'Incomplete: ' +
                missing.join(', ') +
                ' did not answer. Figures exclude ' +
                (missing.length > 1 ? 'them' : 'it') +
                '.'
            : '',
        );
        // The gateway's own words, computed from what it counted ("all", "N of M" or nothing).
        var synthetic = [];
        views.forEach(function (v) {
          v.notices.forEach(function (n) {
            if (/SYNTHETIC/.test(n) && synthetic.indexOf(n) < 0) synthetic.push(n);
          });
        });
        banner('banner-synthetic', synthetic.join(' '));
        banner('banner-provenance', provenanceText(d.bySourceEntity));
        var sourceOf = window.PSEA_ENTITY_SOURCE || {};
        var meta = function (view, extra) {
          return Object.assign({ view: view, period: period }, extra || {});
        };
        panel(
          'entities',
          'Allegations by source and entity (total ' + d.bySourceEntity.total.allegations + ')',
          'bar',
          ['source', 'entity', 'name', 'allegations'],
          d.bySourceEntity.rows.map(function (r) {
            return [sourceWord(sourceOf[r.key.entity] || ''), r.key.entity, entityName(r.key.entity), value(r)];
          }),
          meta(d.bySourceEntity, {
            chartLabel: function (r) {
              return r[1];
            },
          }),
        );
        panel(
          'trend',
          'Trend over the years (every year, zeros included)',
          'line',
          ['year', 'allegations'],
          everyYear(d.trend.rows),
          {
            view: d.trend,
            period: years.length ? years[0] + '-' + years[years.length - 1] : period,
          },
        );
        panel(
          'status',
          'Investigation status',
          'doughnut',
          ['status', 'allegations'],
          d.byStatus.rows.map(function (r) {
            return [word('InvestigationStatus', r.key.investigationStatus), value(r)];
          }),
          meta(d.byStatus),
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
            [
              'open beyond the target (' +
                d.byStatus.timelinessTargets.days +
                ' days; ' +
                d.byStatus.timelinessTargets.urgentDays +
                ' involving minors)',
              t.openOverTarget,
            ],
          ],
          meta(d.bySourceEntity),
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
              return [word('MemberStateResponse', r.key.memberStateResponse), value(r)];
            }),
          meta(d.byResponse),
        );
        var v = d.bySourceEntity.total.victims;
        var g = LABELS.enums.VictimGroup || {};
        panel(
          'victims',
          'Victims by sex and age group',
          'bar',
          ['group', 'victims'],
          [
            [g.WOMEN || 'women', v.women],
            [g.GIRLS || 'girls', v.girls],
            [g.FEMALE_UNKNOWN_AGE || 'female, age unknown', v.femaleUnknownAge],
            [g.MEN || 'men', v.men],
            [g.BOYS || 'boys', v.boys],
            [g.MALE_UNKNOWN_AGE || 'male, age unknown', v.maleUnknownAge],
            [g.UNKNOWN || 'unknown', v.unknown],
          ],
          meta(d.bySourceEntity),
        );
        document.body.setAttribute('data-total', String(d.bySourceEntity.total.allegations));
      })
      .then(function () {
        ready(true);
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

  /** Entities offered: those of the chosen source only, so a choice never gives a silently empty chart. */
  function narrowEntities() {
    var map = window.PSEA_ENTITY_SOURCE || {};
    var source = $('source').value;
    setOptions(
      $('entity'),
      Object.keys(map)
        .filter(function (e) {
          return !source || map[e] === source;
        })
        .sort(),
      function (code) {
        return code + ' (' + entityName(code) + ')';
      },
    );
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
      setOptions($('source'), sources, sourceWord);
      narrowEntities();
    });
  }

  setOptions($('personnelCategory'), Object.keys(LABELS.enums.PersonnelCategory || {}), function (v) {
    return word('PersonnelCategory', v);
  });
  setOptions($('allegationType'), Object.keys(LABELS.enums.AllegationType || {}), function (v) {
    return word('AllegationType', v);
  });
  $('signin').addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem('psea-token', $('token').value.trim());
    $('token').value = '';
    start();
  });
  $('filters').addEventListener('change', function (e) {
    if (e.target && e.target.id === 'source') narrowEntities();
    refresh();
  });

  /** Asks the gateway who the token belongs to: "signed in" only once it has accepted it. */
  function whoami() {
    return fetch('/auth/whoami', { headers: { authorization: 'Bearer ' + token() } }).then(function (r) {
      return r.json().then(function (body) {
        return { ok: r.ok, body: body };
      });
    });
  }

  function start() {
    ready(false);
    banner('banner-error', '');
    if (!token()) {
      $('who').textContent = 'Not signed in.';
      banner(
        'banner-signin',
        'Sign in with a token to see the figures (in development: npm run -s token -- --role report-author).',
      );
      return Promise.resolve();
    }
    return whoami().then(function (who) {
      if (!who.ok) {
        sessionStorage.removeItem('psea-token');
        $('who').textContent = 'Not signed in.';
        banner('banner-signin', '');
        banner('banner-error', 'The token was refused: ' + who.body.error.message + ' Paste a valid token and sign in again.');
        document.body.setAttribute('data-signin', 'refused');
        return;
      }
      banner('banner-signin', '');
      var b = who.body;
      $('who').textContent =
        'Signed in as ' +
        b.subject +
        ', role: ' +
        (ROLE_WORDS[b.role] || b.role) +
        (b.source ? ' (' + sourceWord(b.source.toUpperCase().replace(/-/g, '_')) + ')' : '') +
        '.';
      document.body.setAttribute('data-signin', 'accepted');
      return loadChoices()
        .then(refresh)
        .then(function () {
          ready(true);
        });
    });
  }
  start();
})();
