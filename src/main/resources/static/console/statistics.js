// The Statistics page's charts: per dimension, cases dispatched (bars) with success rate and average days (lines).
(function () {
  const box = document.getElementById('charts');
  fetch(box.dataset.api, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(r => r.json())
    .then(d => {
      for (const dim in d.by) {
        const el = document.getElementById('chart-' + dim);
        if (!el) continue;
        const groups = d.by[dim];
        const chart = echarts.init(el);
        window.addEventListener('resize', () => chart.resize());
        chart.setOption({
          grid: { left: 50, right: 60, top: 40, bottom: 70 }, tooltip: { trigger: 'axis' }, legend: { top: 0 },
          xAxis: { type: 'category', data: groups.map(g => g.key), axisLabel: { rotate: 40, interval: 0, fontSize: 10 } },
          yAxis: [{ type: 'value', name: 'cases', minInterval: 1 },
                  { type: 'value', name: '% / days', position: 'right', min: 0 }],
          series: [
            { name: 'dispatched', type: 'bar', color: '#9db7d6', data: groups.map(g => g.dispatched) },
            { name: 'success rate %', type: 'line', yAxisIndex: 1, color: '#1e7d45',
              data: groups.map(g => g.successRate == null ? null : Math.round(g.successRate * 1000) / 10) },
            { name: 'average days', type: 'line', yAxisIndex: 1, color: '#a86400', data: groups.map(g => g.averageDays) }
          ]
        });
      }
    });
})();
