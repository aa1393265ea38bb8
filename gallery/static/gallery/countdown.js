// Live countdown to a contest deadline; the server-rendered text stays when scripts are off.
(function () {
  "use strict";
  var node = document.querySelector("[data-countdown]");
  if (!node) return;
  var end = Date.parse(node.dataset.countdown);
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    var left = Math.max(0, Math.floor((end - Date.now()) / 1000));
    if (left === 0) { node.textContent = node.dataset.done; return; }
    var days = Math.floor(left / 86400);
    var rest = left % 86400;
    node.textContent = (days ? days + " d " : "") + pad(Math.floor(rest / 3600)) + ":" + pad(Math.floor(rest % 3600 / 60)) + ":" + pad(rest % 60);
    setTimeout(tick, 1000);
  }
  tick();
})();
