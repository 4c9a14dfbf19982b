// diplo serve: the page works without this file; it adds keyboard moves through the hits and
// draws the pictures in place.
"use strict";

(function () {
  // Arrow keys move through the hits: down from the search box goes to the first one.
  function links() {
    return Array.prototype.slice.call(document.querySelectorAll("a.hit-link"));
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var all = links();
    if (all.length === 0) return;
    var active = document.activeElement;
    var at = all.indexOf(active);
    var box = document.getElementById("q");
    if (at === -1 && active !== box) return;
    e.preventDefault();
    var next;
    if (at === -1) {
      next = e.key === "ArrowDown" ? 0 : -1;
    } else {
      next = e.key === "ArrowDown" ? Math.min(at + 1, all.length - 1) : at - 1;
    }
    all.forEach(function (a) { a.parentElement.classList.remove("current"); });
    if (next < 0) {
      if (box) box.focus();
      return;
    }
    all[next].focus();
    all[next].parentElement.classList.add("current");
  });

  // Each picture slot holds a link to its SVG; replace the link with the picture itself, so
  // that the network's nodes can be clicked.
  document.querySelectorAll("[data-svg]").forEach(function (slot) {
    fetch(slot.getAttribute("data-svg"), { headers: { Accept: "image/svg+xml" } })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + r.statusText);
        return r.text();
      })
      .then(function (svg) {
        var parsed = new DOMParser().parseFromString(svg, "image/svg+xml");
        var root = parsed.documentElement;
        if (root.nodeName !== "svg") throw new Error("not an SVG picture");
        slot.replaceChildren(document.importNode(root, true));
        slot.setAttribute("data-loaded", "true");
      })
      .catch(function (err) {
        var note = document.createElement("p");
        note.className = "error";
        note.textContent = "The picture could not be drawn: " + err.message;
        slot.appendChild(note);
      });
  });
})();
