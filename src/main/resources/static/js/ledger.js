/*
 * Fund Ledger's pages: draws each chart described in a data-chart attribute with ECharts, wires the print
 * buttons and the progress bars of long requests. No inline script anywhere (the content security policy forbids it).
 */
(function () {
  'use strict';

  function option(spec) {
    var tooltip = { trigger: spec.kind === 'pie' ? 'item' : 'axis' };
    if (spec.kind === 'pie') {
      return {
        tooltip: tooltip,
        legend: { type: 'scroll', bottom: 0 },
        series: [{
          type: 'pie', radius: ['35%', '65%'],
          data: spec.categories.map(function (c, i) { return { name: c, value: spec.series[0].data[i] }; })
        }]
      };
    }
    return {
      tooltip: tooltip,
      legend: { type: 'scroll', top: 0 },
      // room under the legend for the axis' unit, so that a long legend never covers it
      grid: { left: 60, right: 20, top: 64, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: spec.categories },
      yAxis: { type: 'value', name: spec.unit, nameGap: 14, nameTextStyle: { align: 'right' } },
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind, data: s.data, smooth: false };
      })
    };
  }

  function drawCharts() {
    if (typeof echarts === 'undefined') {
      return;
    }
    document.querySelectorAll('[data-chart]').forEach(function (element) {
      var spec = JSON.parse(element.getAttribute('data-chart'));
      var chart = echarts.init(element, null, { renderer: 'canvas' });
      // marked drawn once ECharts has finished rendering and animating (tests and screenshots wait for it)
      chart.on('finished', function () { element.setAttribute('data-drawn', 'true'); });
      chart.setOption(option(spec));
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  function wirePrint() {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
  }

  /* A form with data-progress (an upload, a replay): the form is sent as usual, and while the browser waits for
     the answer page the bar follows the ledger's progress (data-progress-url answers {"applied": n, "total": m}). */
  function wireProgress() {
    document.querySelectorAll('form[data-progress]').forEach(function (form) {
      form.addEventListener('submit', function () {
        var bar = document.getElementById(form.getAttribute('data-progress'));
        var label = document.getElementById(form.getAttribute('data-progress') + '-label');
        var statusUrl = form.getAttribute('data-progress-url');
        if (!bar || !statusUrl) {
          return;
        }
        bar.hidden = false;
        window.setInterval(function () {
          var poll = new XMLHttpRequest();
          poll.open('GET', statusUrl);
          poll.responseType = 'json';
          poll.onload = function () {
            var p = poll.response;
            if (p && p.total > 0) {
              bar.max = p.total;
              bar.value = p.applied;
              if (label) {
                label.textContent = p.applied.toLocaleString() + ' / ' + p.total.toLocaleString();
              }
            }
          };
          poll.send();
        }, 500);
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts();
    wirePrint();
    wireProgress();
  });
}());
