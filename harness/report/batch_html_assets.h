// The inline style and script of the batch's HTML page (batch_html_report.h). The page's
// Content-Security-Policy allows exactly these two texts, by their SHA-256.
//
// The script: clicking a header of the students' table sorts by that column (numbers for
// scores, text for names; a second click reverses; empty cells always last, ties in the
// original order); the filter box shows only the students whose names contain its text;
// following a link to a submission or test opens every <details> around it. The URL's
// fragment drives the same code: "#sort=<column>-<asc|desc>" clicks that column's header
// until it sorts so (<column> is a header's data-key: "student", an exercise or "total"),
// "#filter=<text>" fills the box, "#<id>" opens an element, "&" joins several. When the
// script has run to its end it sets data-ready="true" on <body>; an uncaught error sets
// data-error to its message.
#pragma once

#include <string_view>

namespace grader {

inline constexpr std::string_view kBatchPageStyle = R"(
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 80em; color: #222;
       padding: 0 1em; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; } td, th { padding: .25em .6em; text-align: left; }
tbody tr:nth-child(even) { background: #f4f4f4; } th { border-bottom: 1px solid #999; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
#grades-table th { cursor: pointer; user-select: none; white-space: nowrap; }
#grades-table th[aria-sort=ascending]::after { content: " \25B2"; }
#grades-table th[aria-sort=descending]::after { content: " \25BC"; }
#grades-table td.cell { text-align: right; color: #fff; }
#grades-table td.cell a { color: inherit; display: block; }
.tag { display: inline-block; padding: 0 .4em; border-radius: 3px; color: #fff;
       font-size: .9em; margin: 0 .2em .2em 0; white-space: nowrap; }
.histograms { display: flex; flex-wrap: wrap; gap: 1.5em; }
details.submission { margin: .4em 0 .4em 1em; } details.submission > summary { cursor: pointer; }
div.test { margin: .8em 0 .8em 1.5em; padding-left: .8em; border-left: 3px solid #ddd; }
pre { background: #f6f6f6; padding: .6em; overflow-x: auto; white-space: pre-wrap; }
.warning { color: #a60; } .internal { color: #e65100; }
section.student { border-top: 1px solid #ddd; }
)";

inline constexpr std::string_view kBatchPageScript = R"(
(function () {
  'use strict';
  var body = document.body;
  window.addEventListener('error', function (event) {
    body.setAttribute('data-error', String(event.message));
  });
  var table = document.getElementById('grades-table');
  var rows = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  var filter = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var sorted = { column: -1, descending: false };

  function value(row, column) {
    return row.cells[column].getAttribute('data-value') || '';
  }
  function sortBy(column, descending) {
    var numeric = headers[column].getAttribute('data-type') === 'num';
    var list = Array.prototype.slice.call(rows.rows);
    list.sort(function (a, b) {
      var x = value(a, column), y = value(b, column);
      if (x === '' || y === '') {
        if (x !== y) return x === '' ? 1 : -1;
      } else {
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        if (order !== 0) return descending ? -order : order;
      }
      return Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
    });
    list.forEach(function (row) { rows.appendChild(row); });
    for (var i = 0; i < headers.length; ++i) headers[i].removeAttribute('aria-sort');
    headers[column].setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    sorted = { column: column, descending: descending };
  }
  Array.prototype.forEach.call(headers, function (header, column) {
    header.addEventListener('click', function () {
      // Scores first sort best first, names from A; a second click reverses.
      var descending = sorted.column === column ? !sorted.descending
                                                : header.getAttribute('data-type') === 'num';
      sortBy(column, descending);
    });
    header.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        header.click();
      }
    });
  });

  function applyFilter() {
    var text = filter.value.toLowerCase();
    var count = 0;
    Array.prototype.forEach.call(rows.rows, function (row) {
      var match = value(row, 0).toLowerCase().indexOf(text) !== -1;
      row.hidden = !match;
      if (match) ++count;
    });
    shown.textContent = count + ' of ' + rows.rows.length + ' students shown';
  }
  filter.addEventListener('input', applyFilter);

  function reveal(id) {
    var target = document.getElementById(id);
    if (!target) return;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === 'DETAILS') node.open = true;
    }
    target.scrollIntoView();
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (link) reveal(decodeURIComponent(link.getAttribute('href').slice(1)));
  });

  function sortByKey(spec) {
    var dash = spec.lastIndexOf('-');
    var key = spec.slice(0, dash), descending = spec.slice(dash + 1) === 'desc';
    for (var column = 0; column < headers.length; ++column) {
      if (headers[column].getAttribute('data-key') !== key) continue;
      for (var clicks = 0; clicks < 2; ++clicks) {
        if (sorted.column === column && sorted.descending === descending) break;
        headers[column].click();
      }
      return;
    }
  }
  function applyFragment() {
    location.hash.slice(1).split('&').forEach(function (part) {
      if (part === '') return;
      var equals = part.indexOf('=');
      var key = equals < 0 ? '' : part.slice(0, equals);
      var text = decodeURIComponent(part.slice(equals + 1));
      if (key === 'sort') {
        sortByKey(text);
      } else if (key === 'filter') {
        filter.value = text;
        applyFilter();
      } else {
        reveal(text);
      }
    });
  }
  window.addEventListener('hashchange', applyFragment);
  applyFilter();
  applyFragment();
  body.setAttribute('data-ready', 'true');
})();
)";

}  // namespace grader
