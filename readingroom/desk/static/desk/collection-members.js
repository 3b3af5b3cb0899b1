// The collection's members in the admin: drag a row onto another to move its document to that
// position. Only an enhancement: each row's "Move to position" form does the work, so the page
// does the same without JavaScript (Up, Down and the position box) and from the keyboard.
(function () {
  "use strict";
  const table = document.getElementById("members");
  if (!table) return;
  const how = document.getElementById("members-drag");
  if (how) how.hidden = false;
  let dragged = null;
  table.querySelectorAll("tbody tr[data-position]").forEach(function (row) {
    row.draggable = true;
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.dataset.document);
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("dragging");
      dragged = null;
    });
    row.addEventListener("dragover", function (event) {
      if (dragged && dragged !== row) event.preventDefault();
    });
    row.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!dragged || dragged === row) return;
      const form = dragged.querySelector("form.move");
      form.querySelector("input[name=position]").value = row.dataset.position;
      form.submit();
    });
  });
})();
