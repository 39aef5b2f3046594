// The Failures page: "select all" for the dead letters, a reason before a discard, and the replay jobs' progress
// refreshed every 2 s (GET /console/failures/replays) while a job runs; when one ends, the dead-letter list is
// fetched again, so what the job replayed leaves it without a reload of the page.
(function () {
  'use strict';
  // delegated: the dead-letter section is replaced when a job ends
  document.addEventListener('change', function (e) {
    if (e.target.id === 'select-all') {
      document.querySelectorAll('#dead-letter-table input[name=messageId]').forEach(function (c) { c.checked = e.target.checked; });
    }
  });
  document.addEventListener('click', function (e) {
    if (e.target.id !== 'discard-selected') { return; }
    var reason = document.getElementById('discard-reason');
    if (!reason.value.trim()) {
      e.preventDefault();
      reason.setCustomValidity('Say why these messages are discarded.');
      reason.reportValidity();
    } else {
      reason.setCustomValidity('');
    }
  });

  var table = document.getElementById('job-table');
  if (!table || !window.fetch) { return; }

  function refreshDeadLetters() {
    fetch(window.location.href, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('dead-letters');
        var current = document.getElementById('dead-letters');
        if (fresh && current) { current.innerHTML = fresh.innerHTML; }
      })
      .catch(function () { });
  }

  function update(jobs) {
    var running = false;
    var ended = false;
    jobs.forEach(function (j) {
      var row = table.querySelector('tr[data-job="' + j.jobId + '"]');
      if (!row) { running = running || j.state === 'RUNNING'; return; }
      var badge = row.querySelector('.badge.state');
      var wasRunning = badge.textContent.trim() === 'RUNNING';
      row.querySelector('.replayed').textContent = j.replayed;
      row.querySelector('.skipped').textContent = j.skipped;
      row.querySelector('.remaining').textContent = j.remaining;
      var bar = row.querySelector('progress');
      bar.max = j.total === 0 ? 1 : j.total;
      bar.value = j.replayed + j.skipped;
      badge.textContent = j.state;
      badge.className = 'badge state ' + j.state.toLowerCase();
      if (j.state === 'RUNNING') {
        running = true;
      } else {
        var cancel = row.querySelector('form.cancel');
        if (cancel) { cancel.remove(); }
        ended = ended || wasRunning;
      }
    });
    if (ended) { refreshDeadLetters(); }
    return running;
  }

  function poll() {
    fetch('/console/failures/replays', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (jobs) { if (update(jobs)) { setTimeout(poll, 2000); } })
      .catch(function () { setTimeout(poll, 5000); });
  }
  if (table.querySelector('.badge.running')) { setTimeout(poll, 2000); }
})();
