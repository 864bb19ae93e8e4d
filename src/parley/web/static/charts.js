// Draws every chart on the page from its JSON data block (<script type="application/json">,
// never executed) with the plotly.js served by this server. A click on a point whose
// customdata starts with a same-site path ("/articles/...") opens it.
(function () {
  "use strict";
  function draw(el) {
    var block = document.getElementById(el.getAttribute("data-figure"));
    if (!block || typeof Plotly === "undefined") { return; }
    var fig = JSON.parse(block.textContent);
    Plotly.newPlot(el, fig.data, fig.layout, {displaylogo: false, responsive: true,
      modeBarButtonsToRemove: ["lasso2d", "select2d"]}).then(function () {
      el.setAttribute("data-drawn", "1");
    });
    el.on("plotly_click", function (ev) {
      var p = ev && ev.points && ev.points[0];
      var target = p && p.customdata && (Array.isArray(p.customdata) ? p.customdata[0] : p.customdata);
      if (typeof target === "string" && target.charAt(0) === "/" && target.charAt(1) !== "/") {
        window.location.assign(target);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".chart[data-figure]"), draw);
  });
})();
