/* The server's session rules (officer/sessions/rules/, campaigns.phone_rules),
   applied on the phone before a session is kept: the same rules and the
   same messages, in the interface's language. Returns [[field name, message]…];
   the server checks everything again when the session arrives. */
const PhoneChecks = (() => {
  const say = (template, params = {}) =>
    template.replace(/%\((\w+)\)s/g, (_whole, name) => params[name] ?? "");
  const grouped = (number) => Number(number).toLocaleString(document.documentElement.lang || undefined);
  const today = () => {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  };

  function check(form, rules) {
    const errors = [];
    const text = (name) => (form.elements[name]?.value ?? "").trim();
    const m = rules.messages;
    const required = (name) => text(name) || errors.push([name, m.required]);

    ["campaign", "kind", "day", "area"].forEach(required);
    const day = text("day");
    if (day && day < rules.earliest) errors.push(["day", m.tooEarly]);
    if (day && day > today()) errors.push(["day", m.tooLate]);

    const attendance = text("attendance");
    if (attendance) {
      const people = Number(attendance);
      const confirmed = form.elements.attendance_confirmed?.checked;
      if (!Number.isInteger(people) || people < 0) errors.push(["attendance", m.negative]);
      else if (people > rules.attendance.maximum)
        errors.push(["attendance", say(m.aboveMaximum, { maximum: grouped(rules.attendance.maximum) })]);
      else if (people > rules.attendance.ceiling && !confirmed)
        errors.push([
          "attendance",
          say(m.aboveCeiling, { attendance: grouped(people), ceiling: grouped(rules.attendance.ceiling) }),
        ]);
    }

    rows(form, "material").forEach((row) => {
      const code = text(`${row}-piece`).toUpperCase();
      if (!code) return;
      const piece = rules.material[code];
      if (!piece && !/^\d+$/.test(code)) {
        errors.push([`${row}-piece`, say(m.unknownCode, { code })]);
        return;
      }
      const language = text(`${row}-language`);
      const format = text(`${row}-format`);
      if (!language) errors.push([`${row}-language`, m.required]);
      if (!format) errors.push([`${row}-format`, m.required]);
      if (!piece || !language || !format) return;
      const needs = rules.formatNeeds[format] || "text";
      const exists =
        (needs !== "recording" && piece.text.includes(language)) ||
        (needs !== "text" && piece.recording.includes(language));
      if (!exists) {
        const params = { code, language: rules.languages[language] || language };
        errors.push([`${row}-language`, say(needs === "recording" ? m.noRecording : m.noText, params)]);
      }
      const quantity = text(`${row}-quantity`);
      if (quantity && !(Number.isInteger(Number(quantity)) && Number(quantity) >= 1))
        errors.push([`${row}-quantity`, m.negative]);
    });

    rows(form, "outcome").forEach((row) => {
      const indicator = rules.indicators[text(`${row}-indicator`)];
      const value = text(`${row}-value`).replace(",", ".");
      if (!indicator || !value) return;
      if (!indicator.fromSessions)
        errors.push([`${row}-indicator`, say(m.notFromSessions, { indicator: indicator.name })]);
      const number = Number(value);
      if (number < indicator.low) errors.push([`${row}-value`, m.negative]);
      else if (indicator.high !== null && number > indicator.high) errors.push([`${row}-value`, m.above100]);
      else if (indicator.whole && !Number.isInteger(number))
        errors.push([`${row}-value`, say(m.notWhole, { indicator: indicator.name, value: text(`${row}-value`) })]);
    });
    return errors;
  }

  /* The prefixes of a formset's rows: "material-0", "material-1"… */
  function rows(form, prefix) {
    const total = Number(form.elements[`${prefix}-TOTAL_FORMS`]?.value || 0);
    return Array.from({ length: total }, (_unused, index) => `${prefix}-${index}`);
  }

  /* Mark each field with its message, as the server's form does, and open
     the section it is in. */
  function show(form, errors) {
    form.querySelectorAll(".phone-error").forEach((element) => element.remove());
    form.querySelectorAll(".field-error").forEach((element) => element.classList.remove("field-error"));
    for (const [name, message] of errors) {
      const element = form.elements[name];
      const input = element instanceof RadioNodeList ? element[0] : element;
      const field = input?.closest(".field");
      if (!field) continue;
      field.classList.add("field-error");
      const note = document.createElement("p");
      note.className = "error phone-error";
      note.setAttribute("role", "alert");
      note.textContent = message;
      field.append(note);
      const section = field.closest("details");
      if (section) section.open = true;
    }
    const first = form.querySelector(".field-error input, .field-error select, .field-error textarea");
    if (first) first.focus();
  }

  return { check, show };
})();
