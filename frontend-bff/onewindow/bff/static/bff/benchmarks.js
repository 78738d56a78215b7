// 跨县对标: the league table's bars and spread, a county's trend — drawn from the numbers the
// page embeds (json_script). The same numbers are in the tables; without JavaScript the page
// still says everything.
(function () {
  "use strict";
  var BLUE = "#1d5fb4", LIGHT = "#9ec1ee", GOLD = "#e6a100", GREY = "#8a94a6";
  var FONT = '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function draw(id, option) {
    var node = document.getElementById(id);
    if (!node || !window.echarts) { return; }
    var chart = window.echarts.init(node, null, { renderer: "canvas" });
    option.animation = false;
    option.textStyle = { fontFamily: FONT };
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function fmt(unit) { return function (v) { return v == null ? "—" : v + unit; }; }

  function quartiles(values) {
    var s = values.slice().sort(function (a, b) { return a - b; });
    function at(q) {
      var p = (s.length - 1) * q, lo = Math.floor(p), hi = Math.ceil(p);
      return s[lo] + (s[hi] - s[lo]) * (p - lo);
    }
    return [s[0], at(0.25), at(0.5), at(0.75), s[s.length - 1]];
  }

  var league = read("benchmark-data");
  if (league && league.names.length) {
    var shown = league.names.slice(0, 30);
    draw("bench-bars", {
      title: { text: league.metric + "（参与排名的县）", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: fmt(league.unit) },
      legend: { bottom: 0, data: ["指标值", "排名依据（置信下限）"] },
      grid: { left: 8, right: 24, top: 40, bottom: 32, containLabel: true },
      xAxis: { type: "value", axisLabel: { formatter: "{value}" + league.unit } },
      yAxis: { type: "category", inverse: true, data: shown },
      series: [
        {
          name: "指标值", type: "bar", barMaxWidth: 16,
          data: league.values.slice(0, 30).map(function (v, i) {
            return { value: v, itemStyle: { color: league.self[i] ? GOLD : BLUE } };
          })
        },
        { name: "排名依据（置信下限）", type: "scatter", symbol: "diamond", symbolSize: 9, itemStyle: { color: GREY },
          data: league.low.slice(0, 30) }
      ]
    });
    var box = quartiles(league.values_all);
    var selfIndex = league.self.indexOf(true);
    draw("bench-box", {
      title: { text: "分布（箱线图：最小、Q1、中位数、Q3、最大）", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "item" },
      grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: [league.metric] },
      yAxis: { type: "value", scale: true, axisLabel: { formatter: "{value}" + league.unit } },
      series: [
        { name: "各县", type: "boxplot", data: [box], itemStyle: { color: "#e8f0fb", borderColor: BLUE } },
        { name: "各县的值", type: "scatter", symbolSize: 6, itemStyle: { color: LIGHT },
          data: league.values_all.map(function (v) { return [0, v]; }) },
        { name: "本县", type: "scatter", symbolSize: 14, itemStyle: { color: GOLD },
          data: selfIndex >= 0 ? [[0, league.values_all[selfIndex]]] : [] }
      ]
    });
  }

  var trend = read("trend-data");
  if (trend) {
    draw("bench-trend", {
      tooltip: { trigger: "axis", valueFormatter: fmt(trend.unit) },
      legend: { top: 0, data: [trend.county, "全省中位数"] },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: trend.labels },
      yAxis: { type: "value", axisLabel: { formatter: "{value}" + trend.unit } },
      series: [
        { name: trend.county, type: "line", data: trend.values, connectNulls: true, itemStyle: { color: BLUE }, lineStyle: { width: 3 } },
        { name: "全省中位数", type: "line", data: trend.median, connectNulls: true, itemStyle: { color: GREY }, lineStyle: { type: "dashed" } }
      ]
    });
  }
})();
