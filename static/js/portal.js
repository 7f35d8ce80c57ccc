// After a refused form, move the focus to the first field with an error, so that a screen reader
// announces it and a keyboard user can correct it at once.
(function () {
  "use strict";
  // A long form's error summary (templates/includes/error_summary.html) comes first: it names every field.
  var invalid = document.querySelector("main .error-summary, main .is-invalid, main [aria-invalid='true']");
  if (invalid && typeof invalid.focus === "function") {
    invalid.focus();
  }
})();
