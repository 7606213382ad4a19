// Draws each dashboard figure from the numbers the page carries (json_script); the table beside it holds the same.
(function () {
  if (!window.Chart) return;
  var palette = ["#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#ad1457", "#546e7a", "#9e9d24"];
  Chart.defaults.font.family = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
  Chart.defaults.animation = false; // figures to read and print, not to watch
  document.querySelectorAll("canvas.chart[data-figure]").forEach(function (canvas) {
    var source = document.getElementById("chart-data-" + canvas.dataset.figure);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var round = data.chart === "doughnut";
    var horizontal = data.chart === "hbar";
    new Chart(canvas, {
      type: round ? "doughnut" : data.chart === "line" ? "line" : "bar",
      data: {
        labels: data.labels,
        datasets: [{
          label: data.unit,
          data: data.values,
          backgroundColor: round ? palette : palette[0],
          borderColor: round ? "#fff" : palette[0],
        }],
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        plugins: { legend: { display: round, position: "right" } },
        scales: round ? {} : { [horizontal ? "x" : "y"]: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  });
})();
