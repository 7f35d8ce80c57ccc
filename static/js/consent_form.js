// "Alles ja" / "Alles nee" on the consent form: tick every choice at once, in the page, so that
// each one can still be read and changed before saving. Without this script the buttons ask the
// server, which shows the same form filled in (nothing is saved either way).
(function () {
  "use strict";
  var status = document.getElementById("consent-all-status");
  document.querySelectorAll("[data-consent-all]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      var form = button.form;
      if (!form) {
        return;
      }
      event.preventDefault();
      var value = button.getAttribute("data-consent-all");
      form.querySelectorAll('input[type="radio"][name^="doel_"]').forEach(function (radio) {
        radio.checked = radio.value === value;
      });
      if (status) {
        status.textContent = status.getAttribute("data-filled") || "";
      }
    });
  });
})();
