// Filters (status, flag kind) and sorting (by score) over the sentence rows.
(function () {
  "use strict";
  var body = document.getElementById("rows");
  var rows = Array.prototype.slice.call(body.querySelectorAll("tr.sentence"));
  var statusBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=status]"));
  var kindSelect = document.getElementById("kind-filter");
  var sortSelect = document.getElementById("sort");
  var shown = document.getElementById("shown");

  function id(row) { return Number(row.getAttribute("data-id")); }
  // A sentence that could not be scored (a backend error) counts as the worst.
  function score(row) {
    var value = row.getAttribute("data-score");
    return value === "" ? -1 : Number(value);
  }
  function kindMatches(row, wanted) {
    var kinds = row.getAttribute("data-kinds").split(" ").filter(Boolean);
    if (wanted === "all") return true;
    if (wanted === "flagged") return kinds.length > 0;
    if (wanted === "none") return kinds.length === 0;
    return kinds.indexOf(wanted) >= 0;
  }
  function filter() {
    var statuses = statusBoxes.filter(function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    var visible = 0;
    rows.forEach(function (row) {
      var show = statuses.indexOf(row.getAttribute("data-status")) >= 0 && kindMatches(row, kindSelect.value);
      row.hidden = !show;
      visible += show ? 1 : 0;
    });
    shown.textContent = visible + " of " + rows.length + " sentences shown";
  }
  function sort() {
    var order = sortSelect.value;
    rows.slice().sort(function (a, b) {
      if (order === "document") return id(a) - id(b);
      var difference = order === "worst" ? score(a) - score(b) : score(b) - score(a);
      return difference || id(a) - id(b);
    }).forEach(function (row) { body.appendChild(row); });
  }
  statusBoxes.forEach(function (box) { box.addEventListener("change", filter); });
  kindSelect.addEventListener("change", filter);
  sortSelect.addEventListener("change", sort);
  // Escape hides a focused flag's tooltip, as a tooltip should allow.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement.matches("mark.flag")) document.activeElement.blur();
  });
  document.getElementById("controls").addEventListener("submit", function (event) { event.preventDefault(); });
  filter();
})();
