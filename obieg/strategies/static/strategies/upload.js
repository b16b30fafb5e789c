/* Drag and drop onto the upload form: dropped files go into the ordinary file input, so the
 * form posts them as usual (and works without this script). */
(function () {
  "use strict";
  document.querySelectorAll("[data-drop-zone]").forEach(function (zone) {
    const input = zone.querySelector("input[type=file]");
    const list = zone.querySelector("[data-drop-list]");
    if (!input) return;
    function show() {
      list.replaceChildren();
      Array.from(input.files).forEach(function (file) {
        const item = document.createElement("li");
        item.textContent = file.name + " (" + Math.ceil(file.size / 1024) + " kB)";
        list.appendChild(item);
      });
    }
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("drop-zone-active");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("drop-zone-active"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
    input.addEventListener("change", show);
  });
})();
