// Forms that ask before they send (data-confirm="question"): no inline handlers under the admin's CSP.
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});
