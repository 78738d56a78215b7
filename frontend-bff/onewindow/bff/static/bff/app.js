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
