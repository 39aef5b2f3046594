// The Failures page: "select all" for the dead letters, a confirmation before a discard, and the replay jobs' progress
// refreshed every 2 s (GET /console/failures/replays) while a job runs.
(function () {
  'use strict';
  var all = document.getElementById('select-all');
  if (all) {
    all.addEventListener('change', function () {
      document.querySelectorAll('#dead-letter-table input[name=messageId]').forEach(function (c) { c.checked = all.checked; });
    });
  }
  var discard = document.getElementById('discard-selected');
  if (discard) {
    discard.addEventListener('click', function (e) {
      var reason = document.getElementById('discard-reason');
      if (!reason.value.trim()) {
        e.preventDefault();
        reason.focus();
        reason.setCustomValidity('Say why these messages are discarded.');
        reason.reportValidity();
        return;
      }
      reason.setCustomValidity('');
    });
  }

  var table = document.getElementById('job-table');
  if (!table || !window.fetch) { return; }

  function update(jobs) {
    var running = false;
    jobs.forEach(function (j) {
      var row = table.querySelector('tr[data-job="' + j.jobId + '"]');
      if (!row) { if (j.state === 'RUNNING') { running = true; } return; }
      var done = j.replayed + j.skipped;
      row.querySelector('.replayed').textContent = j.replayed;
      row.querySelector('.skipped').textContent = j.skipped;
      row.querySelector('.remaining').textContent = j.remaining;
      var bar = row.querySelector('progress');
      bar.max = j.total === 0 ? 1 : j.total;
      bar.value = done;
      var badge = row.querySelector('.badge.state');
      badge.textContent = j.state;
      badge.className = 'badge state ' + j.state.toLowerCase();
      if (j.state !== 'RUNNING') {
        var cancel = row.querySelector('form.cancel');
        if (cancel) { cancel.remove(); }
      } else {
        running = true;
      }
    });
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
