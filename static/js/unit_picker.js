// Unit selects too long to list (a province's ten thousand units) come with only the chosen unit: a search box
// above them fetches up to 20 matching units by name and offers them as the select's options.
(function () {
  if (!window.fetch) return;
  document.querySelectorAll("select[data-unit-lookup]").forEach(function (select) {
    var search = document.createElement("input");
    search.type = "search";
    search.className = "unit-search";
    search.placeholder = "输入单位名称搜索";
    search.setAttribute("aria-label", "搜索单位名称");
    select.parentNode.insertBefore(search, select);
    var timer = null;
    var url = select.dataset.unitLookup;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var separator = url.indexOf("?") < 0 ? "?" : "&";
        fetch(url + separator + "q=" + encodeURIComponent(search.value.trim()), {
          credentials: "same-origin", headers: { Accept: "application/json" }
        })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (data) { if (data) offer(select, data.results); })
          .catch(function () {});
      }, 250);
    });
  });

  function offer(select, units) {
    // Keep the empty choice and the chosen unit, then the matches.
    Array.prototype.slice.call(select.options).forEach(function (option) {
      if (option.value && !option.selected) option.remove();
    });
    units.forEach(function (unit) {
      if (select.querySelector('option[value="' + unit.id + '"]')) return;
      select.add(new Option(unit.name, unit.id));
    });
  }
})();
