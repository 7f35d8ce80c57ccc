// Incidents: two small conveniences. Both forms work the same without this script (the buttons
// ask the server, which answers with the same page one step further).
(function () {
  "use strict";

  // The report form: "Nog een betrokkene toevoegen" adds a row on the spot.
  var add = document.getElementById("add-party");
  var template = document.getElementById("party-template");
  var rows = document.getElementById("party-rows");
  var total = document.querySelector("input[name$='-TOTAL_FORMS']");
  if (add && template && rows && total) {
    add.addEventListener("click", function (event) {
      var index = parseInt(total.value, 10);
      var max = parseInt(add.getAttribute("data-max"), 10);
      if (index >= max) {
        return; // let the server explain the limit
      }
      event.preventDefault();
      var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = rows.lastElementChild.querySelector("select, input");
      if (first) {
        first.focus();
      }
    });
  }

  // The measure form: only the fields of the chosen measure are shown.
  var kind = document.getElementById("id_kind");
  var choose = document.getElementById("choose-kind");
  if (kind && choose) {
    choose.hidden = true;
    var show = function () {
      document.querySelectorAll("[data-kinds]").forEach(function (row) {
        row.hidden = row.getAttribute("data-kinds").split(" ").indexOf(kind.value) === -1;
      });
    };
    kind.addEventListener("change", show);
    show();
  }
})();
