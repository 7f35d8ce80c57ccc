// After a refused form, move the focus to the first field with an error, so that a screen reader
// announces it and a keyboard user can correct it at once.
(function () {
  "use strict";
  var invalid = document.querySelector("main .is-invalid, main [aria-invalid='true']");
  if (invalid && typeof invalid.focus === "function") {
    invalid.focus();
  }
})();
