// 领导驾驶舱: draw the charts from the numbers the page embeds (#dashboard-data, json_script).
// The same numbers are in the tables under each chart; without JavaScript the page still says all.
(function () {
  "use strict";
  var TEXT = "#c9d6ea", AXIS = "#3a5379", GRID = "rgba(120,150,200,.15)";
  var BLUE = "#3aa0ff", CYAN = "#2fd6c8", RED = "#ff6b6b", GOLD = "#f5c04a", PURPLE = "#a78bfa";
  var FONT = '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

  function axis(extra) {
    var base = {
      axisLine: { lineStyle: { color: AXIS } },
      axisLabel: { color: TEXT },
      splitLine: { lineStyle: { color: GRID } }
    };
    for (var k in extra) { base[k] = extra[k]; }
    return base;
  }

  function common(extra) {
    var base = {
      animation: false,
      textStyle: { color: TEXT, fontFamily: FONT },
      tooltip: { trigger: "axis", backgroundColor: "rgba(10,25,50,.92)", borderColor: AXIS, textStyle: { color: "#fff" } },
      legend: { top: 0, textStyle: { color: TEXT } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true }
    };
    for (var k in extra) { base[k] = extra[k]; }
    return base;
  }

  function label(color) {  // a number over each bar or point, none for a zero
    return { show: true, position: "top", color: color, fontSize: 11, formatter: function (p) { return p.value ? p.value : ""; } };
  }

  var builders = {
    volume: function (d) {
      return common({
        xAxis: axis({ type: "category", data: d.weeks }),
        yAxis: axis({ type: "value", minInterval: 1, name: "件", nameTextStyle: { color: TEXT } }),
        series: [
          { name: "收件", type: "bar", data: d.received, itemStyle: { color: BLUE }, barMaxWidth: 22, label: label(BLUE) },
          { name: "办结", type: "bar", data: d.decided, itemStyle: { color: CYAN }, barMaxWidth: 22, label: label(CYAN) },
          { name: "超期", type: "line", z: 5, data: d.overdue, itemStyle: { color: RED }, lineStyle: { width: 2 }, symbolSize: 7, label: label(RED) }
        ]
      });
    },
    rates: function (d) {
      return common({
        tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + "%"; } },
        xAxis: axis({ type: "category", data: d.weeks }),
        yAxis: axis({ type: "value", min: function (v) { return Math.max(0, Math.floor((v.min - 5) / 10) * 10); }, max: 100, axisLabel: { color: TEXT, formatter: "{value}%" } }),
        series: [
          { name: "按时办结率", type: "line", data: d.onTimeRate, connectNulls: true, itemStyle: { color: GOLD }, lineStyle: { width: 3 }, symbolSize: 7 },
          { name: "好评率", type: "line", data: d.goodRate, connectNulls: true, itemStyle: { color: CYAN }, lineStyle: { width: 3 }, symbolSize: 7 }
        ]
      });
    },
    ages: function (d) {
      return common({
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: axis({ type: "category", data: d.ages }),
        yAxis: axis({ type: "value", minInterval: 1, name: "件", nameTextStyle: { color: TEXT } }),
        series: [
          { name: "办不成事", type: "bar", data: d.fallback, itemStyle: { color: PURPLE }, barMaxWidth: 28, label: label(PURPLE) },
          { name: "差评工单", type: "bar", data: d.workOrders, itemStyle: { color: RED }, barMaxWidth: 28, label: label(RED) }
        ]
      });
    },
    ranking: function (d) {
      var rows = d.ranking.slice().reverse();  // the first place on top
      return common({
        legend: { show: false },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        xAxis: axis({ type: "value" }),
        yAxis: axis({ type: "category", data: rows.map(function (r) { return r.rank + ". " + r.name; }) }),
        series: [{
          name: "得分", type: "bar", data: rows.map(function (r) { return r.total; }), barMaxWidth: 18,
          itemStyle: { color: GOLD }, label: { show: true, position: "right", color: TEXT }
        }]
      });
    }
  };

  function draw() {
    var source = document.getElementById("dashboard-data");
    if (!source || typeof echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var build = builders[el.dataset.chart];
      if (!build) { return; }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(build(data));
      charts.push(chart);
    });
    var resize = function () { charts.forEach(function (c) { c.resize(); }); };
    window.addEventListener("resize", resize);
    document.addEventListener("fullscreenchange", function () { setTimeout(resize, 50); });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fullscreen]");
    if (!button) { return; }
    var target = document.getElementById(button.dataset.fullscreen);
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (target && target.requestFullscreen) { target.requestFullscreen(); }
  });

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
