// 一窗通: the little script every page loads. htmx does the rest.
document.addEventListener("htmx:responseError", function (event) {
  // A page fragment failed: say so in Chinese instead of failing silently.
  var box = document.getElementById("htmx-error");
  if (!box) {
    box = document.createElement("div");
    box.id = "htmx-error";
    box.className = "flash error";
    var main = document.querySelector("main") || document.body;
    main.insertBefore(box, main.firstChild);
  }
  var status = event.detail.xhr.status;
  box.textContent = status === 403 ? "没有权限执行此操作" : "操作未完成，请稍后再试（" + status + "）";
});
document.addEventListener("click", function (event) {
  var opener = event.target.closest("[data-open-dialog]");
  if (opener) { document.getElementById(opener.dataset.openDialog).showModal(); }
  var closer = event.target.closest("[data-close-dialog]");
  if (closer) { closer.closest("dialog").close(); }
});
// Repeated rows (an item's materials, review points, FAQ): add one from a <template>, remove one.
document.addEventListener("click", function (event) {
  var adder = event.target.closest("[data-add-row]");
  if (adder) {
    var template = document.getElementById(adder.dataset.addRow);
    var body = document.getElementById(adder.dataset.into);
    body.appendChild(template.content.cloneNode(true));
    var added = body.lastElementChild && body.lastElementChild.querySelector("input[type=text]");
    if (added) { added.focus(); }
  }
  var remover = event.target.closest("[data-remove-row]");
  if (remover) {
    var row = remover.closest("tr");
    var next = row.nextElementSibling;
    if (next && next.classList.contains("row-errors")) { next.remove(); }
    row.remove();
  }
});
// Behaviour by data attributes, never inline handlers (the Content-Security-Policy allows
// scripts from this site's files only):
//   <form data-confirm="停用…？">  asks before it is sent;
//   <select data-autosubmit [data-clear-field="period"]>  sends its form when changed;
//   <button data-print>  prints the page;  <a data-back>  goes back a page.
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
document.addEventListener("change", function (event) {
  var field = event.target.closest("[data-autosubmit]");
  if (!field || !field.form) { return; }
  var cleared = field.dataset.clearField && field.form.elements[field.dataset.clearField];
  if (cleared) { cleared.value = ""; }
  field.form.submit();
});
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
  var back = event.target.closest("a[data-back]");
  if (back) { event.preventDefault(); window.history.back(); }
});

// 帮办代办委托: choosing the site (and agent) shows that site's item list only, and unticks the
// items of the others — <select data-site-items> with values "site|agent", lists .site-items[data-site].
document.addEventListener("change", function (event) {
  var select = event.target.closest("select[data-site-items]");
  if (!select) { return; }
  var site = select.value.split("|")[0];
  document.querySelectorAll(".site-items").forEach(function (list) {
    list.hidden = list.dataset.site !== site;
    if (list.hidden) {
      list.querySelectorAll("input").forEach(function (input) { input.checked = false; });
    }
  });
});
