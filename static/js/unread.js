// The unread count beside 消息 in the navigation: fetched after the page has loaded, so no page waits for it.
(function () {
  var link = document.querySelector(".nav-inbox[data-unread-url]");
  if (!link || !window.fetch) return;
  fetch(link.dataset.unreadUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.unread) return;
      var badge = link.querySelector(".nav-unread");
      badge.textContent = data.unread > 99 ? "99+" : String(data.unread);
      badge.hidden = false;
      link.setAttribute("aria-label", "消息（" + data.unread + " 条未读）");
    })
    .catch(function () {});
})();
