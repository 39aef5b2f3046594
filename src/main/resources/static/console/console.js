// The console's shared script: confirms destructive forms (data-confirm), and helpers for pages that refresh live:
// Console.poll(url, everyMs, onData) and Console.post(url, body) with the session's CSRF token.
(function () {
  const meta = name => { const m = document.querySelector('meta[name="' + name + '"]'); return m ? m.content : null; };
  window.Console = {
    poll(url, everyMs, onData) {
      let timer = null;
      const tick = () => fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(r => { if (r.status === 401 || r.redirected) { location.reload(); return null; } return r.ok ? r.json() : null; })
        .then(d => { if (d) onData(d); })
        .catch(() => {})
        .finally(() => { timer = setTimeout(tick, everyMs); });
      tick();
      return () => clearTimeout(timer);
    },
    post(url, body) {
      const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
      const h = meta('csrf-header'), t = meta('csrf-token');
      if (h && t) headers[h] = t;
      return fetch(url, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body || {}) });
    },
    number(n) { return n == null ? '–' : Number(n).toLocaleString('en-US'); }
  };
  document.addEventListener('submit', e => {
    const q = e.target.getAttribute('data-confirm');
    if (q && !window.confirm(q)) e.preventDefault();
  });
})();
