/* The session form's area chooser. The page holds a short list of areas
   (the officer's recent ones), which works offline and without this script;
   this shows the search box under it, asks the server for areas named like
   what is typed, and puts the one chosen into the list, selected.

   Messages come from the page (data-* attributes, in the interface
   language); the results are announced through the status line. */

(function () {
  "use strict";

  const WAIT_MS = 250;
  const MIN_LENGTH = 2;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  }

  function optionText(area) {
    return area.within ? `${area.label} – ${area.within}` : area.label;
  }

  function setUp(box) {
    const select = document.getElementById(box.dataset.for);
    const input = box.querySelector("input[type=search]");
    const status = box.querySelector("[role=status]");
    const list = box.querySelector(".area-results");
    if (!select || !input || !window.fetch) return;
    let timer = null;
    let pending = null;

    function say(message) {
      status.textContent = message;
    }

    function clear() {
      list.replaceChildren();
    }

    function choose(area) {
      let option = Array.from(select.options).find((each) => each.value === String(area.id));
      if (!option) {
        option = new Option(optionText(area), String(area.id));
        select.add(option, 1);
      }
      select.value = String(area.id);
      select.dispatchEvent(new Event("change", { bubbles: true }));
      clear();
      input.value = "";
      say(fill(box.dataset.chosen, { label: optionText(area) }));
      select.focus();
    }

    function show(areas, query) {
      clear();
      for (const area of areas) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = area.label;
        if (area.within) {
          const where = document.createElement("small");
          where.textContent = area.within;
          button.append(where);
        }
        button.addEventListener("click", () => choose(area));
        const item = document.createElement("li");
        item.append(button);
        list.append(item);
      }
      if (!areas.length) say(fill(box.dataset.none, { query }));
      else if (areas.length === 1) say(box.dataset.foundOne);
      else say(fill(box.dataset.foundMany, { count: areas.length }));
    }

    async function search(query) {
      if (pending) pending.abort();
      pending = new AbortController();
      const url = `${box.dataset.url}?q=${encodeURIComponent(query)}`;
      say(box.dataset.searching);
      try {
        const response = await fetch(url, {
          signal: pending.signal,
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        const type = response.headers.get("Content-Type") || "";
        if (!response.ok || !type.startsWith("application/json")) throw new Error(response.status);
        show((await response.json()).results, query);
      } catch (error) {
        if (error.name === "AbortError") return;
        clear();
        say(box.dataset.offline);
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        if (pending) pending.abort();
        clear();
        say("");
        return;
      }
      timer = setTimeout(() => search(query), WAIT_MS);
    });

    input.addEventListener("keydown", (event) => {
      // Enter searches at once instead of sending the whole form.
      if (event.key === "Enter") {
        event.preventDefault();
        clearTimeout(timer);
        if (input.value.trim()) search(input.value.trim());
      } else if (event.key === "ArrowDown" && list.querySelector("button")) {
        event.preventDefault();
        list.querySelector("button").focus();
      } else if (event.key === "Escape") {
        clear();
      }
    });

    list.addEventListener("keydown", (event) => {
      const buttons = Array.from(list.querySelectorAll("button"));
      const at = buttons.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at < buttons.length - 1) {
        event.preventDefault();
        buttons[at + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        (at > 0 ? buttons[at - 1] : input).focus();
      } else if (event.key === "Escape") {
        clear();
        input.focus();
      }
    });

    box.hidden = false;
  }

  document.querySelectorAll("[data-area-search]").forEach(setUp);
})();
