// Facility portal uploads for slow links: one image at a time, a progress bar, and a retry that keeps the file.
(function () {
  "use strict";
  var form = document.querySelector("[data-upload]");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var messages = JSON.parse(document.getElementById("upload-messages").textContent);
  var input = form.querySelector("input[type=file]");
  var button = form.querySelector("[data-upload-button]");
  var progress = form.querySelector("[data-upload-progress]");
  var bar = form.querySelector("[data-upload-bar]");
  var percent = form.querySelector("[data-upload-percent]");
  var errorBox = form.querySelector("[data-upload-error]");
  var retry = form.querySelector("[data-upload-retry]");
  var thumbs = document.getElementById("thumbs");
  var maxBytes = parseInt(form.dataset.maxBytes, 10);
  var maxImages = parseInt(form.dataset.maxImages, 10);
  var count = parseInt(form.dataset.count, 10);

  function showError(text, canRetry) {
    errorBox.textContent = text;
    errorBox.hidden = false;
    retry.hidden = !canRetry;
    button.disabled = false;
  }

  function addThumb(data) {
    var empty = thumbs.querySelector(".thumbs__empty");
    if (empty) empty.remove();
    var item = document.createElement("li");
    item.className = "thumb";
    var img = document.createElement("img");
    img.src = data.thumbnail;
    img.alt = messages.image + " " + (count + 1);
    img.width = 240;
    var caption = document.createElement("span");
    caption.textContent = data.width + "×" + data.height + " · " + data.format;
    item.appendChild(img);
    item.appendChild(caption);
    var remove = document.createElement("form");
    remove.method = "post";
    remove.action = data["delete"];
    remove.innerHTML = '<input type="hidden" name="csrfmiddlewaretoken"><button type="submit" class="button button--secondary"></button>';
    remove.querySelector("input").value = form.querySelector("[name=csrfmiddlewaretoken]").value;
    remove.querySelector("button").textContent = messages.remove;
    item.appendChild(remove);
    thumbs.appendChild(item);
  }

  function send() {
    var file = input.files[0];
    if (!file) return;
    if (file.size > maxBytes) { showError(messages.tooBig, false); return; }
    errorBox.hidden = true;
    retry.hidden = true;
    button.disabled = true;
    progress.hidden = false;
    bar.value = 0;
    percent.textContent = "0%";
    var data = new FormData(form);
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = function (event) {
      if (!event.lengthComputable) return;
      var value = Math.round((event.loaded / event.total) * 100);
      bar.value = value;
      percent.textContent = value + "%";
    };
    request.onload = function () {
      var body = null;
      try { body = JSON.parse(request.responseText); } catch (e) { body = null; }
      if (request.status === 200 && body && body.ok) {
        addThumb(body);
        count += 1;
        form.dataset.count = count;
        input.value = "";
        button.disabled = false;
        progress.hidden = true;
        percent.textContent = body.message || messages.added;
        if (count >= maxImages) form.hidden = true;
      } else if (body && body.error) {
        // A refused file would be refused again; a busy server (503) takes it in a moment.
        showError(body.error, request.status === 503);
      } else {
        showError(messages.failed, true);
      }
    };
    request.onerror = request.ontimeout = function () { showError(messages.failed, true); };
    request.send(data);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); send(); });
  retry.addEventListener("click", send);
})();
