/* The sessions kept on this phone: each with its date, attendance, campaign
   and place and, when
   the server refused it, the server's reasons, to be opened and fixed in the
   form or discarded. Waiting ones are sent by the service worker by itself. */
(() => {
  const box = document.getElementById("kept-sessions");
  if (!box || !self.indexedDB) return;
  const text = box.dataset;
  const element = (tag, content, className) => {
    const made = document.createElement(tag);
    if (content) made.textContent = content;
    if (className) made.className = className;
    return made;
  };

  // "2025-11-18" as the interface writes dates: 18/11/2025 in Vietnamese.
  const dated = (day) => {
    const date = new Date(`${day}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) return day;
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { timeZone: "UTC" }).format(date);
  };

  async function show() {
    const sessions = await KeptStore.all();
    const list = box.querySelector(".kept-list");
    list.innerHTML = "";
    box.querySelector(".kept-empty").hidden = sessions.length > 0;
    for (const session of sessions) {
      const values = new Map(session.entries);
      const item = element("li", "", session.refused ? "kept-refused" : "kept-waiting");
      const day = values.get("day") ? dated(values.get("day")) : "";
      const people = values.get("attendance") ? text.people.replace("{people}", values.get("attendance")) : "";
      item.append(element("strong", [day, values.get("time"), values.get("venue"), people].filter(Boolean).join(" · ")));
      const where = [values.get("campaign_label"), values.get("area_label")].filter(Boolean).join(" · ");
      if (where) item.append(element("p", where));
      if (session.refused) {
        item.append(element("p", text.refused));
        const reasons = element("ul");
        for (const reason of session.reasons || []) reasons.append(element("li", reason, "error"));
        item.append(reasons);
        const fix = element("a", text.fix, "button");
        fix.href = `${text.form}?kept=${session.id}`;
        item.append(fix);
      } else {
        item.append(element("p", text.waiting));
      }
      const discard = element("button", text.discard, "discard");
      discard.type = "button";
      discard.addEventListener("click", async () => {
        if (!confirm(text.confirm)) return;
        await KeptStore.forget(session.id);
        navigator.serviceWorker?.controller?.postMessage({ type: "status" });
        show();
      });
      item.append(" ", discard);
      list.append(item);
    }
  }
  show();
})();
