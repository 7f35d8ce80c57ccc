// "Foto plaatsen?": the verdict per ticked person and the summary update as you tick, from the
// channels each person may be shown on (data-allowed). The form works the same without this
// script: "Controleren" asks the server.
(function () {
  "use strict";
  var form = document.getElementById("publication-check");
  if (!form) {
    return;
  }
  var summary = document.getElementById("publication-summary");

  function mark(symbol, word) {
    var fragment = document.createDocumentFragment();
    var icon = document.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = symbol;
    fragment.appendChild(icon);
    fragment.appendChild(document.createTextNode(" " + word));
    return fragment;
  }

  function line(symbol, label, text) {
    var p = document.createElement("p");
    p.className = "mb-1";
    var icon = document.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = symbol + " ";
    var strong = document.createElement("strong");
    strong.textContent = label + ": ";
    p.appendChild(icon);
    p.appendChild(strong);
    p.appendChild(document.createTextNode(text));
    return p;
  }

  function update() {
    var channel = form.querySelector("input[name='kanaal']:checked");
    var yes = 0;
    var no = [];
    var ticked = 0;
    form.querySelectorAll(".publication-person").forEach(function (item) {
      var box = item.querySelector("input[name='p']");
      var verdict = item.querySelector("[data-verdict]");
      verdict.textContent = "";
      item.classList.remove("publication-yes", "publication-no");
      if (!box.checked || !channel) {
        return;
      }
      ticked += 1;
      var allowed = (item.dataset.allowed || "").split(" ").indexOf(channel.value) !== -1;
      verdict.appendChild(allowed ? mark("✔", form.dataset.wordYes) : mark("✖", form.dataset.wordNo));
      item.classList.add(allowed ? "publication-yes" : "publication-no");
      if (allowed) {
        yes += 1;
      } else {
        no.push(item.dataset.name);
      }
    });
    summary.textContent = "";
    if (!ticked) {
      return;
    }
    summary.appendChild(line("✔", form.dataset.summaryYes, String(yes)));
    summary.appendChild(line("✖", form.dataset.summaryNo, no.length ? no.join(", ") : form.dataset.summaryNone));
  }

  form.addEventListener("change", update);
  update();
})();
