// Saves the step being typed as a server-side draft every 30 seconds while it changes, so that
// nothing is lost if the session times out or the connection drops. Nothing is kept in the browser.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  window.setInterval(function () {
    if (!dirty) { return; }
    dirty = false;
    fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Autosave": "1" },
      credentials: "same-origin",
      redirect: "manual"
    }).catch(function () { dirty = true; });
  }, 30000);
}());
