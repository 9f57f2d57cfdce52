/*
 * Fund Ledger's operations pages (/imports, /record, /audit, /policy): follows a long task the ledger runs on its
 * own (a replay). A <progress data-follow="<url>"> polls the url, which answers {"applied": n, "total": m,
 * "running": true|false}, moves the bar and its label (the element with the id "<bar id>-label"), and reloads
 * the page once the task has finished, so that the page shows the outcome. No inline script anywhere (the
 * content security policy forbids it).
 */
(function () {
  'use strict';

  function follow() {
    document.querySelectorAll('progress[data-follow]').forEach(function (bar) {
      var url = bar.getAttribute('data-follow');
      var label = document.getElementById(bar.id + '-label');
      var timer = window.setInterval(function () {
        var poll = new XMLHttpRequest();
        poll.open('GET', url);
        poll.responseType = 'json';
        poll.onload = function () {
          var p = poll.response;
          if (!p || poll.status !== 200) {
            return;
          }
          if (p.total > 0) {
            bar.max = p.total;
            bar.value = p.applied;
            if (label) {
              label.textContent = p.applied.toLocaleString() + ' / ' + p.total.toLocaleString();
            }
          }
          if (!p.running) {
            window.clearInterval(timer);
            window.location.reload();
          }
        };
        poll.send();
      }, 700);
    });
  }

  function busy() {
    document.querySelectorAll('form[data-busy]').forEach(function (form) {
      form.addEventListener('submit', function () {
        var notice = document.getElementById(form.getAttribute('data-busy'));
        if (notice) {
          notice.hidden = false;
        }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    follow();
    busy();
  });
}());
