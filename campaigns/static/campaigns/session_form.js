/* The officer's session form on a phone:
   - rows of outcomes and material can be added, as many as were used;
   - a material row's language defaults to a language spoken at the session
     in which the piece exists, its format to the usual one for the kind of
     session (MaterialUse.USUAL_FORMAT);
   - before the form is sent (or kept offline), the phone checks the server's
     rules (phone_checks.js) and marks what is wrong, keeping what was typed;
   - opened from the list of kept sessions (?kept=ID), it refills the form
     with the kept session, photo included, and shows the server's reasons.
   Without this script the form still works: the server checks everything. */
(() => {
  const form = document.getElementById("session-form");
  if (!form) return;
  let rules = null;
  fetch(form.dataset.rules, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : null))
    .then((loaded) => {
      rules = loaded;
      form.dataset.rulesLoaded = Boolean(rules);
    })
    .catch(() => {});

  /* Rows. */
  const addRow = (fieldset) => {
    const prefix = fieldset.dataset.rows;
    const total = form.elements[`${prefix}-TOTAL_FORMS`];
    const html = fieldset.querySelector("template").innerHTML.replace(/__prefix__/g, total.value);
    fieldset.querySelector("template").insertAdjacentHTML("beforebegin", html);
    total.value = Number(total.value) + 1;
  };
  for (const fieldset of form.querySelectorAll("fieldset[data-rows]")) {
    const button = fieldset.querySelector(".add-row");
    button.hidden = false;
    button.addEventListener("click", () => {
      addRow(fieldset);
      if (fieldset.dataset.rows === "material") {
        const row = `material-${form.elements["material-TOTAL_FORMS"].value - 1}`;
        defaultFormat(row);
        defaultLanguage(row);
      }
      const rows = fieldset.querySelectorAll(".row");
      rows[rows.length - 1].querySelector("input, select")?.focus();
    });
  }

  /* A piece's language, from the session's languages. */
  const spoken = () => [...form.querySelectorAll('input[name="languages"]:checked')].map((box) => box.value);
  form.addEventListener("change", ({ target }) => {
    const match = target.name?.match(/^(material-\d+)-piece$/);
    if (match) {
      defaultFormat(match[1]);
      defaultLanguage(match[1]);
    }
    if (target.name === "kind") materialRows().forEach(defaultFormat);
    if (target.name === "languages") materialRows().forEach(defaultLanguage);
    if (/^material-\d+-(language|format)$/.test(target.name || "")) target.dataset.chosen = "yes";
  });
  const materialRows = () =>
    [...form.querySelectorAll('[name$="-piece"]')].map((input) => input.name.replace(/-piece$/, ""));
  function defaultFormat(row) {
    const select = form.elements[`${row}-format`];
    const usual = rules?.usualFormat[form.elements.kind.value];
    if (select && usual && !select.dataset.chosen) select.value = usual;
  }
  function defaultLanguage(row) {
    const select = form.elements[`${row}-language`];
    if (!select || select.dataset.chosen) return;
    const piece = rules?.material[form.elements[`${row}-piece`].value.trim().toUpperCase()];
    const languages = spoken();
    const available = languages.filter((code) => !piece || piece.text.includes(code) || piece.recording.includes(code));
    // None of the session's languages: the copy handed out was most likely
    // the source language's, if the piece has it.
    const fallback = piece && (piece.text.includes(rules.source) ? rules.source : piece.text[0]);
    const choice = available[0] || fallback || languages[0];
    if (choice) select.value = choice;
  }

  /* The check before sending or keeping. */
  form.addEventListener("submit", async (event) => {
    if (!rules) return;
    const errors = PhoneChecks.check(form, rules);
    event.preventDefault();
    if (errors.length) {
      PhoneChecks.show(form, errors);
      say(form.dataset.notKept);
      return;
    }
    const kept = keptId();
    if (kept) await KeptStore.forget(kept); // sent again below, or kept anew
    const photo = form.elements.photo?.files[0];
    if (photo) await KeptStore.holdPhoto(photo).catch(() => {});
    remember("area_label", form.elements.area?.selectedOptions[0]?.text);
    remember("campaign_label", form.elements.campaign?.selectedOptions[0]?.text);
    form.action = location.pathname;
    form.submit();
  });
  /* A hidden field the server ignores: kept with the session on the phone,
     it names the chosen area when the form is refilled, even one found by
     search that is not among the areas the page offers. */
  function remember(name, value) {
    if (!value) return;
    let input = form.elements[name];
    if (!input) {
      input = Object.assign(document.createElement("input"), { type: "hidden", name });
      form.append(input);
    }
    input.value = value;
  }

  function say(text) {
    let messages = document.querySelector(".messages");
    if (!messages) {
      messages = document.createElement("div");
      messages.className = "messages";
      messages.setAttribute("role", "status");
      form.before(messages);
    }
    messages.innerHTML = "";
    const line = document.createElement("p");
    line.className = "message-error";
    line.textContent = text;
    messages.append(line);
  }

  /* The server sent the form back with errors: the chosen photo again. */
  window.addEventListener("pageshow", async () => {
    const input = form.elements.photo;
    if (!input) return;
    const photo = await KeptStore.takePhoto().catch(() => null);
    const sentBack = document.querySelector(".messages .message-error");
    // Not a photo the server refused: that one has to be chosen again.
    if (photo && sentBack && !input.files.length && !input.closest(".field-error")) {
      setFile(input, photo);
      document.getElementById("photo-kept").hidden = false;
      input.closest("details").open = true;
    }
  });
  function setFile(input, file) {
    const files = new DataTransfer();
    files.items.add(file);
    input.files = files.files;
  }

  /* A kept session, opened to be fixed. */
  const keptId = () => Number(new URLSearchParams(location.search).get("kept")) || null;
  window.addEventListener("pageshow", async () => {
    const id = keptId();
    if (!id) return;
    const session = await KeptStore.get(id);
    if (session) refill(session);
  });
  function refill(session) {
    const values = new Map(session.entries);
    for (const prefix of ["material", "outcome"]) {
      const wanted = Number(values.get(`${prefix}-TOTAL_FORMS`) || 0);
      const fieldset = form.querySelector(`fieldset[data-rows="${prefix}"]`);
      while (fieldset && Number(form.elements[`${prefix}-TOTAL_FORMS`].value) < wanted) addRow(fieldset);
    }
    const area = form.elements.area;
    if (area && values.get("area") && ![...area.options].some((o) => o.value === values.get("area"))) {
      area.add(new Option(values.get("area_label") || values.get("area"), values.get("area")));
    }
    const ticked = new Set();
    for (const [name, value] of session.entries) {
      const element = form.elements[name];
      if (!element || name === "csrfmiddlewaretoken") continue;
      const inputs = element instanceof RadioNodeList ? [...element] : [element];
      for (const input of inputs) {
        if (input.type === "checkbox") {
          if (input.value === value || inputs.length === 1) ticked.add(input);
        } else if (input.type === "file") {
          if (value instanceof File && value.size) setFile(input, value);
        } else {
          input.value = value;
        }
      }
    }
    form.querySelectorAll('input[type="checkbox"]').forEach((box) => (box.checked = ticked.has(box)));
    const reasons = document.getElementById("kept-reasons");
    const list = reasons.querySelector("ul");
    for (const reason of session.reasons || []) {
      const item = document.createElement("li");
      item.textContent = reason;
      list.append(item);
    }
    reasons.hidden = false;
  }
})();
