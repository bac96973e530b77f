/* Officer screens: register the service worker (/sw.js) that keeps pages
   readable offline and sends the sessions kept on the phone, and say what is
   waiting. Without it, the screens work as plain pages. */
(() => {
  if (!("serviceWorker" in navigator)) return;
  const status = document.getElementById("offline-status");

  // A new id for each session logged from this page, even from a kept copy of
  // it, so that the server can tell a resent session from a new one.
  const freshSubmission = () => {
    if (new URLSearchParams(location.search).has("kept")) return; // kept_form.js restores it
    const field = document.querySelector('input[name="submission_id"]');
    if (field && self.crypto && crypto.randomUUID) field.value = crypto.randomUUID();
  };
  freshSubmission();
  window.addEventListener("pageshow", freshSubmission);

  // What waits on the phone, with a link to the list while anything does.
  const say = (name, count, waiting) => {
    const text = status.dataset[name] || "";
    status.querySelector("span").textContent = text.replace("{count}", count);
    status.querySelector("a").hidden = !waiting;
    status.classList.toggle("offline-status-refused", name === "refused");
    status.hidden = !text;
  };
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (data.type !== "kept" || !status) return;
    const waiting = data.pending + data.refused > 0;
    if (data.needsLogin) say("login", data.pending, waiting);
    else if (data.refused) say("refused", data.refused, waiting);
    else if (data.pending) say(data.pending === 1 ? "pendingOne" : "pendingMany", data.pending, waiting);
    else if (!status.hidden) say("sent", 0, false);
  });

  const ask = (type) =>
    navigator.serviceWorker.ready.then((registration) => registration.active.postMessage({ type }));
  navigator.serviceWorker.register("/sw.js").then(() => {
    ask("status");
    if (navigator.onLine) ask("send");
  });
  window.addEventListener("online", () => ask("send"));
})();
