// The visitor's own time for an event's next session, shown once and only when the visitor's time zone
// differs from the event's (same offset at that moment: nothing to add). Times on the page stay in the event's zone.
(function () {
  "use strict";
  var note = document.querySelector("p.local-time[data-local-time]");
  if (!note || !window.Intl) return;
  var start = new Date(note.getAttribute("data-start"));
  var end = new Date(note.getAttribute("data-end"));
  if (isNaN(start) || isNaN(end)) return;
  var visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var lang = document.documentElement.lang || undefined;
  var options = { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

  function inZone(zone, when, opts) {
    try {
      return new Intl.DateTimeFormat(lang, Object.assign({ timeZone: zone }, opts || options)).format(when);
    } catch (error) {
      return null; // a zone this browser does not know
    }
  }

  var eventTime = inZone(note.getAttribute("data-zone"), start);
  var visitorTime = inZone(visitorZone, start);
  if (!visitorTime || eventTime === visitorTime) return;
  var sameDay = inZone(visitorZone, start, { year: "numeric", month: "numeric", day: "numeric" }) ===
    inZone(visitorZone, end, { year: "numeric", month: "numeric", day: "numeric" });
  var until = sameDay ? inZone(visitorZone, end, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    : inZone(visitorZone, end);
  note.textContent = note.getAttribute("data-label") + " (" + visitorZone + "): " + visitorTime + " – " + until;
  note.setAttribute("data-visitor-zone", visitorZone);
  note.hidden = false;
})();
