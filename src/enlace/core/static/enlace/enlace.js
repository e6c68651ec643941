/* Enlace: the few lines of script the pages use. Every page works without them. */
(function () {
  "use strict";
  // A refused form: its error summary takes the focus, so a screen reader reads it first and
  // the keyboard goes on from there to the links to each field.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
