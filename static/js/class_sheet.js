// The class sheet's "Wie mag NIET op ..." filter applies as soon as a channel is chosen. Without
// this script the "Tonen" button does the same.
(function () {
  "use strict";
  var select = document.getElementById("niet");
  if (!select || !select.form) {
    return;
  }
  select.addEventListener("change", function () {
    select.form.submit();
  });
})();
