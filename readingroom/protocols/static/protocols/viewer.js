// Starts Mirador (vendored in static/protocols/mirador) on the manifest named by the page.
document.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("iiif-viewer");
  if (!element || !window.Mirador) { return; }
  window.readingRoomViewer = window.Mirador.viewer({
    id: "iiif-viewer",
    windows: [{ manifestId: element.dataset.manifest }],
    window: { allowClose: false, allowMaximize: false, defaultSideBarPanel: "info" },
    workspaceControlPanel: { enabled: false },
  });
});
