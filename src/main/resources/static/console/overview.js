// The Overview's live charts: polls /console/api/overview every 5 s and redraws traffic and latency per minute.
(function () {
  const traffic = echarts.init(document.getElementById('chart-traffic'));
  const latency = echarts.init(document.getElementById('chart-latency'));
  window.addEventListener('resize', () => { traffic.resize(); latency.resize(); });
  const label = t => new Date(t).toISOString().substring(11, 16);
  const base = { grid: { left: 50, right: 20, top: 40, bottom: 30 }, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    yAxis: { type: 'value', minInterval: 1 } };
  const colors = { accepted: '#2f6fb3', delivered: '#1e7d45', refused: '#a86400', failed: '#b3261e' };
  function draw(d) {
    const x = d.minutes.map(m => label(m.at));
    traffic.setOption(Object.assign({}, base, {
      xAxis: { type: 'category', data: x },
      series: ['accepted', 'delivered', 'refused', 'failed'].map(k => ({ name: k, type: 'line', showSymbol: false,
        color: colors[k], data: d.minutes.map(m => m[k]) }))
    }));
    latency.setOption(Object.assign({}, base, {
      xAxis: { type: 'category', data: x },
      series: [{ name: 'p50', type: 'line', showSymbol: false, connectNulls: false, color: '#2f6fb3', data: d.minutes.map(m => m.p50) },
               { name: 'p99', type: 'line', showSymbol: false, connectNulls: false, color: '#b3261e', data: d.minutes.map(m => m.p99) }]
    }));
    for (const k in d.counts) {
      const el = document.getElementById('count-' + k);
      if (el) el.textContent = Console.number(d.counts[k]);
    }
    document.getElementById('latency-p50').textContent = d.p50 == null ? '–' : d.p50 + ' ms';
    document.getElementById('latency-p99').textContent = d.p99 == null ? '–' : d.p99 + ' ms';
    document.getElementById('updated').textContent = new Date(d.at).toISOString().substring(11, 19);
  }
  Console.poll(document.getElementById('chart-traffic').dataset.api, 5000, draw);
})();
