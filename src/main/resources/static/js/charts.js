// One chart helper for every page that draws ECharts: no animation (screenshots), resized together.
// Each chart element also has a data table beside it (accessibility); the chart is only a picture of it.
window.ocCharts = window.ocCharts || [];
function ocChart(id, option) {
  var el = document.getElementById(id);
  if (!el || !window.echarts) { return null; }
  var c = echarts.init(el, null, {renderer: 'canvas'});
  option.animation = false;
  c.setOption(option);
  window.ocCharts.push(c);
  return c;
}
window.addEventListener('resize', function () { window.ocCharts.forEach(function (c) { c.resize(); }); });
