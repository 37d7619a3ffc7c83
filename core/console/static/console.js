// The console's one script: no build step, no inline code (the CSP allows none).
(function () {
  "use strict";
  // A form is sent once: its buttons wait for the answer (no invitation twice).
  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) { return; }
    var bevestig = event.target.getAttribute("data-bevestig");
    if (bevestig && !window.confirm(bevestig)) { event.preventDefault(); return; }
    // Disabled only once the browser has read the form: a button disabled during the
    // submit event is left out of it, and with it the name and value of the button that
    // was pressed ("Voorbeeld bekijken" was sent as the form's other action).
    var knoppen = event.target.querySelectorAll("button[type=submit]");
    setTimeout(function () {
      knoppen.forEach(function (knop) { knop.disabled = true; });
    }, 0);
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("button[type=submit]").forEach(function (knop) {
      knop.disabled = false;
    });
  });
  // Live checks: an input with data-controleer="URL" asks the console's check endpoint
  // as one types (debounced) and shows its answer in the element data-uitkomst names.
  var timers = new WeakMap();
  function controleer(invoer) {
    var doel = document.getElementById(invoer.getAttribute("data-uitkomst"));
    if (!doel) { return; }
    var form = invoer.form;
    var params = new URLSearchParams(form ? new FormData(form) : undefined);
    params.delete("csrf_token");
    fetch(invoer.getAttribute("data-controleer") + "?" + params.toString(),
          {headers: {"Accept": "text/html"}, credentials: "same-origin"})
      .then(function (antwoord) { return antwoord.text(); })
      .then(function (html) { doel.innerHTML = html; })
      .catch(function () { doel.textContent = ""; });
  }
  document.addEventListener("input", function (event) {
    var invoer = event.target;
    if (!invoer.getAttribute || !invoer.getAttribute("data-controleer")) { return; }
    clearTimeout(timers.get(invoer));
    timers.set(invoer, setTimeout(function () { controleer(invoer); }, 250));
  });
  document.addEventListener("change", function (event) {
    var invoer = event.target;
    if (invoer.getAttribute && invoer.getAttribute("data-controleer")) { controleer(invoer); }
  });
})();
