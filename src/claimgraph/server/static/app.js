// claimgraph web app: progressive enhancement only; every page works without this file.
// Loaded from this server (the CSP forbids inline and remote scripts). It never inserts
// article text as HTML: it only toggles attributes and sets textContent.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form.analyze-form");
  if (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      var busy = form.querySelector(".busy");
      if (button) { button.disabled = true; }
      if (busy) { busy.textContent = "Analysing… this takes a few seconds."; }
    });
  }
  // Bring the highlighted span of a findings or side-panel link into view below the top bar.
  document.querySelectorAll(".cg-report .cg-findings a[href^='#'], .cg-report .cg-side a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) { window.setTimeout(function () { target.scrollIntoView({block: "center"}); }, 0); }
    });
  });
});
