// Facility portal uploads for slow and broken links: resumable (tus), one image at a time.
// A dropped link or a reloaded page continues from the bytes the server already has; an upload that makes no
// progress for a while is stopped with a message and a Retry; Cancel deletes what was sent; "Processing…" is
// shown while the server works on the last byte. Without tus support the plain form is sent as it is.
(function () {
  "use strict";
  var form = document.querySelector("[data-upload]");
  if (!form || !window.tus || !window.tus.isSupported || !window.fetch || !window.Promise) return;
  var messages = JSON.parse(document.getElementById("upload-messages").textContent);
  var input = form.querySelector("input[type=file]");
  var button = form.querySelector("[data-upload-button]");
  var cancelButton = form.querySelector("[data-upload-cancel]");
  var retry = form.querySelector("[data-upload-retry]");
  var progress = form.querySelector("[data-upload-progress]");
  var bar = form.querySelector("[data-upload-bar]");
  var percent = form.querySelector("[data-upload-percent]");
  var errorBox = form.querySelector("[data-upload-error]");
  var status = document.querySelector("[data-upload-status]");
  var thumbs = document.getElementById("thumbs");
  var template = document.getElementById("thumb-template");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var endpoint = form.dataset.tusEndpoint;
  var maxBytes = parseInt(form.dataset.maxBytes, 10);
  var maxImages = parseInt(form.dataset.maxImages, 10);
  var chunkBytes = parseInt(form.dataset.chunkBytes, 10);
  var stallMs = parseInt(form.dataset.stallSeconds, 10) * 1000;
  var processingMs = Math.max(120000, stallMs * 4);
  var count = parseInt(form.dataset.count, 10);

  var upload = null;
  var phase = "idle"; // idle | sending | processing
  var lastActivity = 0;
  var watchdog = null;
  var canRetryNext = false;

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }

  function say(text) {
    status.textContent = text;
  }

  function hide(element, focusInstead) {
    // Hiding the focused control would drop the keyboard focus to the top of the page: move it first.
    if (!element.hidden && element.contains(document.activeElement)) focusInstead.focus();
    element.hidden = true;
  }

  function setBusy(busy) {
    // aria-disabled rather than disabled: a disabled button would drop the keyboard focus to the page.
    button.setAttribute("aria-disabled", busy ? "true" : "false");
    if (busy) cancelButton.hidden = false;
    else hide(cancelButton, canRetryNext ? retry : button);
  }

  function stopWatchdog() {
    if (watchdog) window.clearInterval(watchdog);
    watchdog = null;
  }

  function settle() {
    stopWatchdog();
    phase = "idle";
    setBusy(false);
  }

  function showError(text, canRetry) {
    canRetryNext = canRetry;
    retry.hidden = !canRetry;
    settle();
    canRetryNext = false;
    progress.hidden = true; // never "100%" beside an error
    percent.textContent = "";
    say("");
    errorBox.textContent = text;
    errorBox.hidden = false;
  }

  function showProgress(sent, total) {
    var value = total ? Math.floor((sent / total) * 100) : 0;
    progress.hidden = false;
    bar.value = value;
    percent.textContent = value + "%";
  }

  function processing() {
    phase = "processing";
    lastActivity = Date.now();
    progress.hidden = true;
    say(messages.processing);
  }

  function watch() {
    stopWatchdog();
    watchdog = window.setInterval(function () {
      var quiet = Date.now() - lastActivity;
      if (phase === "sending" && quiet > stallMs) {
        if (upload) upload.abort(false); // keeps what the server has: Retry continues from there
        showError(format(messages.stalled, { seconds: Math.round(stallMs / 1000) }), true);
      } else if (phase === "processing" && quiet > processingMs) {
        showError(messages.slowServer, true);
      }
    }, 1000);
  }

  function keyFor(file) {
    // The same file for the same entry gives the same idempotency key, even after a reload.
    var text = [file.name, file.type, file.size, file.lastModified, endpoint].join("|");
    if (window.crypto && window.crypto.subtle && window.TextEncoder) {
      return window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (digest) {
        return Array.prototype.map.call(new Uint8Array(digest), function (byte) {
          return ("0" + byte.toString(16)).slice(-2);
        }).join("");
      });
    }
    var hash = 5381;
    for (var i = 0; i < text.length; i += 1) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
    return Promise.resolve("k" + hash.toString(16) + file.size.toString(16) + String(file.lastModified));
  }

  function addThumb(data) {
    if (thumbs.querySelector('[data-image-id="' + data.id + '"]')) return false;
    var empty = thumbs.querySelector(".thumbs__empty");
    if (empty) empty.remove();
    var item = template.content.firstElementChild.cloneNode(true);
    item.dataset.imageId = data.id;
    var img = item.querySelector("img");
    img.src = data.thumbnail;
    img.alt = format(messages.image, { number: thumbs.querySelectorAll(".thumb").length + 1 });
    item.querySelector("[data-thumb-caption]").textContent = data.width + "×" + data.height + " · " + data.format;
    item.querySelector("form").action = data["delete"];
    thumbs.appendChild(item);
    return true;
  }

  function finished(data) {
    var focused = document.activeElement;
    settle();
    progress.hidden = true;
    percent.textContent = "";
    input.value = "";
    if (addThumb(data)) count += 1;
    form.dataset.count = count;
    say(data.message || messages.added);
    if (count >= maxImages) {
      form.hidden = true;
      if (form.contains(focused)) status.focus();
    } else if (focused && focused !== document.body && document.contains(focused)) {
      focused.focus();
    }
  }

  function outcome(url) {
    // The server has every byte: ask what became of them (added, refused, or still being processed).
    window.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.state === "done" && data.ok) finished(data);
        else if (data.state === "processing") window.setTimeout(function () { outcome(url); }, 2000);
        else showError(data.error || messages.failed, false);
      })
      ["catch"](function () { showError(messages.failed, true); });
  }

  function refusal(error) {
    var response = error && error.originalResponse;
    if (!response) return null;
    var code = response.getStatus();
    if (code < 400 || code >= 500 || code === 409 || code === 423) return null;
    try { return JSON.parse(response.getBody()).error || messages.failed; } catch (e) { return messages.failed; }
  }

  function start() {
    var file = input.files[0];
    if (phase !== "idle") return;
    errorBox.hidden = true;
    hide(retry, button);
    if (!file) { showError(messages.choose, false); return; }
    if (file.size > maxBytes) { showError(messages.tooBig, false); return; }
    phase = "sending";
    lastActivity = Date.now();
    setBusy(true);
    say(messages.starting);
    showProgress(0, file.size);
    watch();
    keyFor(file).then(function (key) {
      upload = new window.tus.Upload(file, {
        endpoint: endpoint,
        chunkSize: chunkBytes,
        retryDelays: [0, 1000, 3000, 5000, 10000],
        metadata: { key: key, filetype: file.type },
        headers: { "X-CSRFToken": csrf },
        removeFingerprintOnSuccess: true,
        onProgress: function (sent, total) {
          lastActivity = Date.now();
          if (phase === "sending") {
            if (sent >= total) processing();
            else { showProgress(sent, total); say(""); }
          }
        },
        onSuccess: function () { processing(); outcome(upload.url); },
        onError: function (error) {
          var refused = refusal(error);
          if (refused) {
            if (upload.url) upload.abort(true)["catch"](function () {});
            showError(refused, false); // the file itself was refused: retrying would not help
          } else {
            showError(navigator.onLine === false ? messages.offline : messages.failed, true);
          }
        }
      });
      return upload.findPreviousUploads().then(function (previous) {
        if (previous.length) {
          upload.resumeFromPreviousUpload(previous[0]);
          say(messages.resuming);
        }
        upload.start();
      });
    })["catch"](function () { showError(messages.failed, true); });
  }

  function cancel() {
    var current = upload;
    settle();
    progress.hidden = true;
    percent.textContent = "";
    hide(retry, button);
    say(messages.cancelled);
    button.focus();
    if (current) current.abort(true)["catch"](function () {});
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); start(); });
  retry.addEventListener("click", start);
  cancelButton.addEventListener("click", cancel);
})();
