/* Judging screen: scores save as the judge works (one small POST per change), keyboard scoring, zoom. */
(function () {
  "use strict";
  var root = document.querySelector(".judging-entry");
  if (!root) return;
  var status = root.querySelector(".judging-status");
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]");
  var criteria = Array.prototype.slice.call(root.querySelectorAll(".judging-criterion"));
  var pending = 0;
  var sequence = 0;

  function show(state, text) {
    status.dataset.state = state;
    status.textContent = text || status.dataset[state + "Text"] || "";
  }

  function post(url, body, headers) {
    headers["X-CSRFToken"] = csrf ? csrf.value : "";
    headers["Accept"] = "application/json";
    return fetch(url, { method: "POST", body: body, headers: headers, credentials: "same-origin" }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok || !data.saved) throw new Error(data.error || response.statusText);
        return data;
      });
    });
  }

  function mark(criterion, value) {
    criterion.dataset.value = value === null ? "" : String(value);
    criterion.querySelectorAll(".judging-value").forEach(function (button) {
      button.setAttribute("aria-pressed", String(Number(button.dataset.value) === value));
    });
  }

  function save(criterion, value) {
    var previous = criterion.dataset.value === "" ? null : Number(criterion.dataset.value);
    var mine = ++sequence;
    mark(criterion, value);
    pending += 1;
    show("saving");
    post(root.dataset.scoreUrl, JSON.stringify({ criterion: Number(criterion.dataset.criterion), value: value }),
      { "Content-Type": "application/json" })
      .then(function () { if (mine === sequence) show("saved"); })
      .catch(function (error) { mark(criterion, previous); show("error", status.dataset.errorText + ": " + error.message); })
      .then(function () { pending -= 1; });
  }

  criteria.forEach(function (criterion) {
    criterion.addEventListener("click", function (event) {
      var button = event.target.closest(".judging-value");
      if (!button || button.disabled) return;
      save(criterion, Number(button.dataset.value));  // focus stays on the button: Tab goes on from there
    });
  });

  function focusCriterion(offset) {
    var current = criteria.indexOf(document.activeElement && document.activeElement.closest(".judging-criterion"));
    var next = criteria[Math.min(criteria.length - 1, Math.max(0, current + offset))];
    if (next) next.focus();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || target.closest("textarea, input, select, summary")) return;
    if (target.closest(".judging-viewer__frame")) return;  // arrows pan the image there
    if (event.key === "ArrowRight" && root.dataset.nextUrl) { window.location.href = root.dataset.nextUrl; return; }
    if (event.key === "ArrowLeft" && root.dataset.previousUrl) { window.location.href = root.dataset.previousUrl; return; }
    if (event.key === "ArrowDown") { focusCriterion(1); event.preventDefault(); return; }
    if (event.key === "ArrowUp") { focusCriterion(-1); event.preventDefault(); return; }
    if (!/^[0-9]$/.test(event.key)) return;
    var criterion = target.closest && target.closest(".judging-criterion");
    if (!criterion) return;
    var low = Number(criterion.dataset.min), high = Number(criterion.dataset.max);
    var value = Number(event.key);
    if (value === 0 && high >= 10) value = 10;
    if (value < low || value > high || criterion.querySelector(".judging-value:disabled")) return;
    event.preventDefault();
    save(criterion, value);
    var index = criteria.indexOf(criterion);
    if (index < criteria.length - 1) criteria[index + 1].focus();
  });

  if (criteria.length && !document.querySelector(".judging-value:disabled")) {
    var first = criteria.filter(function (c) { return c.dataset.value === ""; })[0] || criteria[0];
    first.focus({ preventScroll: true });
  }

  // Notes save on leaving the field, too.
  var noteForm = root.querySelector(".judging-note");
  if (noteForm) {
    noteForm.querySelectorAll("textarea").forEach(function (area) {
      area.addEventListener("change", function () {
        pending += 1;
        show("saving");
        post(noteForm.action, new FormData(noteForm), {})
          .then(function () { show("saved"); })
          .catch(function (error) { show("error", status.dataset.errorText + ": " + error.message); })
          .then(function () { pending -= 1; });
      });
    });
  }

  window.addEventListener("beforeunload", function (event) {
    if (pending > 0) { event.preventDefault(); event.returnValue = ""; }
  });

  // Zoom by steps (buttons, + and − keys, a click on the image toggles fit / 200 %). The larger zoom rendition is
  // fetched only once the judge zooms in; the arrow keys pan the focused image frame (native scrolling).
  var viewer = root.querySelector(".judging-viewer");
  var main = document.getElementById("judging-main-image");
  var STEPS = [1, 1.5, 2, 3, 4];
  var level = 0;
  if (viewer && main) {
    var frame = viewer.querySelector(".judging-viewer__frame");
    var output = viewer.querySelector(".judging-zoom__level");
    var setZoom = function (next) {
      level = Math.max(0, Math.min(STEPS.length - 1, next));
      viewer.dataset.zoom = String(STEPS[level]);
      if (output) output.textContent = Math.round(STEPS[level] * 100) + "%";
      if (level > 0 && main.dataset.zoomSrc && main.getAttribute("src") !== main.dataset.zoomSrc) {
        main.src = main.dataset.zoomSrc;
      }
    };
    main.addEventListener("click", function () { setZoom(level > 0 ? 0 : 2); });
    viewer.querySelectorAll("[data-zoom-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        var step = Number(button.dataset.zoomStep);
        setZoom(step === 0 ? 0 : level + step);
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest("textarea, input, select")) return;
      if (event.key === "+" || event.key === "=") { setZoom(level + 1); event.preventDefault(); }
      else if (event.key === "-" || event.key === "_") { setZoom(level - 1); event.preventDefault(); }
    });
    root.querySelectorAll(".judging-thumb").forEach(function (thumb) {
      thumb.addEventListener("click", function () {
        main.src = thumb.dataset.src;
        main.dataset.zoomSrc = thumb.dataset.zoomSrc;
        if (thumb.dataset.width) { main.width = Number(thumb.dataset.width); main.height = Number(thumb.dataset.height); }
        root.querySelectorAll(".judging-thumb").forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === thumb));
        });
        setZoom(0);
        if (frame) frame.scrollTo(0, 0);
      });
    });
  }
})();
