// The import job page: while the import runs, ask for its status every two seconds and move
// the <progress> bar; reload the page once it has finished. Without JavaScript the page's
// "Refresh" link does the same.
(function () {
  "use strict";
  var box = document.querySelector(".import-progress[data-status-url]");
  if (!box || !window.fetch) { return; }
  var bar = box.querySelector("progress");
  var text = box.querySelector("[role=status]");
  function poll() {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) { return; }
        if (status.total_rows) { bar.max = status.total_rows; }
        bar.value = status.processed_rows;
        bar.textContent = status.processed_rows + " / " + status.total_rows;
        if (text.textContent !== status.text) { text.textContent = status.text; }
        if (status.status === "running") {
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
