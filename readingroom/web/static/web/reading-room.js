/* Reading Room: enhancements only. Every page works without this script. */
(function () {
  "use strict";

  /* Facets: open beside the results on wide screens, behind a button on phones. */
  function setUpRefine() {
    var refine = document.querySelector("[data-refine]");
    if (!refine || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 60em)");
    function apply() { refine.open = wide.matches; }
    apply();
    if (wide.addEventListener) wide.addEventListener("change", apply);
  }

  /* "More" lists of facet values: filter them by typing. */
  function setUpFacetFilters() {
    var groups = document.querySelectorAll("[data-facet-more]");
    Array.prototype.forEach.call(groups, function (group) {
      var box = group.querySelector("[data-facet-filter]");
      if (!box) return;
      var input = box.querySelector("input");
      var items = group.querySelectorAll(".facet-values li");
      var status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      box.appendChild(status);
      box.hidden = false;
      input.addEventListener("input", function () {
        var wanted = fold(input.value.trim());
        var shown = 0;
        Array.prototype.forEach.call(items, function (item) {
          var label = item.querySelector(".facet-label");
          var match = !wanted || fold(label ? label.textContent : "").indexOf(wanted) !== -1;
          item.hidden = !match;
          if (match) shown += 1;
        });
        status.textContent = shown + (shown === 1 ? " value" : " values") + " shown";
      });
    });
  }

  function fold(text) {
    var lower = text.toLowerCase();
    return lower.normalize ? lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : lower;
  }

  /* Texts of a document: anchored sections become tabs (ARIA tab pattern). */
  function setUpTabs() {
    var nav = document.querySelector("[data-tabs]");
    if (!nav) return;
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-tab]"));
    var panels = links.map(function (link) { return document.getElementById(link.getAttribute("data-tab")); });
    if (!links.length || panels.some(function (p) { return !p; })) return;
    var list = nav.querySelector("ul");
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", nav.getAttribute("aria-label"));
    Array.prototype.forEach.call(list.children, function (li) { li.setAttribute("role", "presentation"); });
    links.forEach(function (link, i) {
      link.setAttribute("role", "tab");
      link.id = "tab-" + panels[i].id;
      link.setAttribute("aria-controls", panels[i].id);
      panels[i].setAttribute("role", "tabpanel");
      panels[i].setAttribute("aria-labelledby", link.id);
      panels[i].setAttribute("tabindex", "0");
      link.addEventListener("click", function (event) { event.preventDefault(); select(i, true); });
      link.addEventListener("keydown", function (event) {
        var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: links.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        select((next + links.length) % links.length, true);
      });
    });
    document.querySelector(".texts").classList.add("js-tabs");
    function select(index, focus) {
      links.forEach(function (link, i) {
        var on = i === index;
        link.setAttribute("aria-selected", on ? "true" : "false");
        link.setAttribute("tabindex", on ? "0" : "-1");
        panels[i].hidden = !on;
      });
      if (focus) {
        links[index].focus();
        if (history.replaceState) history.replaceState(null, "", "#" + panels[index].id);
      }
    }
    var fromHash = panels.findIndex(function (p) { return "#" + p.id === location.hash; });
    select(fromHash >= 0 ? fromHash : 0, false);
  }

  /* Citations: a copy button. */
  function setUpCopy() {
    if (!navigator.clipboard) return;
    var buttons = document.querySelectorAll("button[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var text = document.getElementById(button.getAttribute("data-copy"));
      if (!text) return;
      button.hidden = false;
      var label = button.innerHTML;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(text.textContent.trim()).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.innerHTML = label; }, 2000);
        });
      });
    });
  }

  /* "/" jumps to the search box, as on many sites (not while typing in a field). */
  function setUpShortcut() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      var box = document.querySelector("#q, #site-q");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    });
  }

  function start() {
    setUpRefine();
    setUpFacetFilters();
    setUpTabs();
    setUpCopy();
    setUpShortcut();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
