// Live preview of an EDTF date in the document form: what readers will see, or what is wrong.
// Without JavaScript the form still validates on save and shows the display after it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("id_date_edtf");
    if (!input) { return; }
    var output = document.createElement("output");
    output.setAttribute("for", "id_date_edtf");
    output.setAttribute("aria-live", "polite");
    output.style.marginLeft = "1em";
    input.insertAdjacentElement("afterend", output);
    var url = window.location.pathname.replace(/(add|\d+\/change)\/$/, "") + "date-preview/";
    var timer = null;
    function preview() {
      fetch(url + "?value=" + encodeURIComponent(input.value), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          output.textContent = answer.error ? answer.error
            : "Shows as “" + answer.display + "” (" + (answer.earliest || "open") + " – " + (answer.latest || "open") + ")";
          output.style.color = answer.error ? "#ba2121" : "";
        });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(preview, 250); });
    if (input.value) { preview(); }
  });
})();
