// Shows each event time also in the visitor's own time zone, next to the time in the event's zone.
(function () {
  "use strict";
  var times = document.querySelectorAll("time[data-local-time]");
  if (!times.length || !window.Intl) return;
  var lang = document.documentElement.lang || undefined;
  var visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var format = new Intl.DateTimeFormat(lang, {
    year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });
  times.forEach(function (element) {
    var when = new Date(element.getAttribute("datetime"));
    if (isNaN(when)) return;
    var local = document.createElement("span");
    local.className = "local-time";
    local.setAttribute("data-zone", visitorZone);
    local.textContent = " (" + format.format(when) + ")";
    element.insertAdjacentElement("afterend", local);
  });
  var note = document.querySelector("[data-local-time-label]");
  if (note) {
    note.textContent = note.getAttribute("data-local-time-label") + ": " + visitorZone + " — " +
      note.getAttribute("data-local-time-hint");
    note.hidden = false;
  }
})();
