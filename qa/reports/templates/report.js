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

// Review: accept, reject or edit each flag (mouse or keys), kept in localStorage, exported as JSON
// for `mtqa review apply` and `mtqa fix --decisions`.
(function () {
  "use strict";
  var bar = document.getElementById("review-bar");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.decision"));
  var left = document.getElementById("left");
  var key = "mtqa-decisions:" + bar.getAttribute("data-input") + ":" + bar.getAttribute("data-signature");
  var current = -1;
  var saved = {};
  try { saved = JSON.parse(window.localStorage.getItem(key) || "{}"); } catch (error) { saved = {}; }

  function row(item) { return item.closest("tr.sentence"); }
  function idOf(item) {
    return [item.getAttribute("data-rule"), item.getAttribute("data-span"), row(item).getAttribute("data-text")].join("\u0000");
  }
  function store() {
    try { window.localStorage.setItem(key, JSON.stringify(saved)); } catch (error) { /* private mode: kept in the page */ }
  }
  function show(item) {
    var decision = saved[idOf(item)];
    var state = item.querySelector(".state");
    if (!decision) { item.removeAttribute("data-state"); state.textContent = ""; return; }
    item.setAttribute("data-state", decision.action);
    state.textContent = decision.action === "edit" ? "edited: " + decision.replacement : decision.action + "ed";
  }
  function count() {
    var undecided = items.filter(function (item) { return !saved[idOf(item)]; }).length;
    left.textContent = undecided + " of " + items.length + " flags left to review";
  }
  function decide(item, action, replacement) {
    var decision = {
      action: action, rule: item.getAttribute("data-rule"), kind: item.getAttribute("data-kind"),
      span: item.getAttribute("data-span"), sentence: row(item).getAttribute("data-text"),
      line: Number(item.getAttribute("data-line")), column: Number(item.getAttribute("data-column")),
      term: item.getAttribute("data-term") || null, suggestion: item.getAttribute("data-suggestion") || null
    };
    if (action === "edit") decision.replacement = replacement;
    saved[idOf(item)] = decision;
    store(); show(item); count();
  }
  function edit(item) {
    var box = item.querySelector("input.replacement");
    if (box) { box.focus(); return; }
    box = document.createElement("input");
    box.type = "text"; box.className = "replacement";
    box.setAttribute("aria-label", "replacement for " + item.getAttribute("data-span"));
    box.value = item.getAttribute("data-suggestion") || item.getAttribute("data-span");
    box.addEventListener("keydown", function (event) {
      event.stopPropagation();
      if (event.key === "Enter") { decide(item, "edit", box.value); box.remove(); item.querySelector("button.edit").focus(); }
      if (event.key === "Escape") { box.remove(); item.querySelector("button.edit").focus(); }
    });
    item.insertBefore(box, item.querySelector(".state"));
    box.focus(); box.select();
  }
  function move(step) {
    var visible = items.filter(function (item) { return !row(item).hidden; });
    if (!visible.length) return;
    var at = visible.indexOf(items[current]);
    var next = visible[(at + step + visible.length) % visible.length];
    if (items[current]) items[current].classList.remove("current");
    current = items.indexOf(next);
    next.classList.add("current");
    next.querySelector("button.accept").focus();
  }
  items.forEach(function (item, index) {
    show(item);
    item.querySelector("button.accept").addEventListener("click", function () { current = index; decide(item, "accept"); });
    item.querySelector("button.reject").addEventListener("click", function () { current = index; decide(item, "reject"); });
    item.querySelector("button.edit").addEventListener("click", function () { current = index; edit(item); });
    // Keys act on the flag whose buttons have focus (Tab reaches them too), as on the one j/k chose.
    item.addEventListener("focusin", function () {
      if (items[current]) items[current].classList.remove("current");
      current = index; item.classList.add("current");
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName)) return;
    if (event.key === "j") move(1);
    else if (event.key === "k") move(-1);
    else if (items[current] && event.key === "a") decide(items[current], "accept");
    else if (items[current] && event.key === "r") decide(items[current], "reject");
    else if (items[current] && event.key === "e") { event.preventDefault(); edit(items[current]); }
  });
  document.getElementById("export").addEventListener("click", function () {
    var decisions = items.map(function (item) { return saved[idOf(item)]; }).filter(Boolean);
    var file = { mtqa_decisions: 1, input: bar.getAttribute("data-input"), signature: bar.getAttribute("data-signature"), decisions: decisions };
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1) + "\n"], { type: "application/json" }));
    link.download = "mtqa-decisions.json";
    document.body.appendChild(link); link.click(); link.remove();
  });
  document.getElementById("clear").addEventListener("click", function () {
    saved = {}; store(); items.forEach(show); count();
  });
  count();
})();
