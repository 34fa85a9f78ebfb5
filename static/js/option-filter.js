/* A text filter for long <select> lists (select[data-filter]). Without
   JavaScript the list works as before; with it, a search field above the
   list hides the options that do not match what is typed. The label and the
   count come from the select's data attributes (Swedish, from the server). */
(function () {
  "use strict";

  function normalise(text) {
    return text.toLocaleLowerCase("sv").normalize("NFC");
  }

  function enhance(select, index) {
    var id = "option-filter-" + index;
    var wrapper = document.createElement("div");
    wrapper.className = "option-filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = select.dataset.filter;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("aria-controls", select.id);
    var status = document.createElement("p");
    status.className = "help";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    select.parentNode.insertBefore(wrapper, select);

    input.addEventListener("input", function () {
      var words = normalise(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(select.options, function (option) {
        // The empty choice and chosen options always stay visible.
        var keep = !option.value || option.selected || words.every(function (word) {
          return normalise(option.textContent).indexOf(word) !== -1;
        });
        option.hidden = !keep;
        if (keep && option.value) { shown += 1; }
      });
      status.textContent = words.length
        ? (select.dataset.filterCount || "%s").replace("%s", shown) : "";
    });
  }

  document.querySelectorAll("select[data-filter]").forEach(enhance);
})();
