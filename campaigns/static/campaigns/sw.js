/* Loa's service worker, for outreach officers where there is no signal.

   - Every public page, PDF and field kit the officer opened, and the session
     form, stays readable offline: fetched from the network when there is one,
     else from the copy kept at the last visit.
   - A session logged with no connection is kept on the phone (IndexedDB) and
     sent when the connection returns. Each form carries a submission id, so a
     session sent twice is saved once.

   Only the officer's screens register it; the site works without it. The
   officer's list and detail screens (names, notes) are never kept.

   ROUTES, the paths it matches, is written before this script by the server
   (campaigns/offline.py). */

const VERSION = "loa-offline-v1";
const PAGES = `${VERSION}-pages`;
const literally = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const LANGUAGE = `/(?:${ROUTES.languages.map(literally).join("|")})`;
const SESSION_FORM = new RegExp(`^${LANGUAGE}${literally(ROUTES.sessionForm)}$`);
const SESSION_SAVED = new RegExp(`^${LANGUAGE}${literally(ROUTES.session)}\\d+/$`);
const OFFICER = new RegExp(`^${LANGUAGE}${literally(ROUTES.officer)}`);
const PUBLIC = new RegExp(`^${LANGUAGE}/`);

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => !name.startsWith(VERSION)).map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && SESSION_FORM.test(url.pathname)) {
    event.respondWith(sendOrKeep(request));
  } else if (request.method === "GET" && keptForOffline(url)) {
    event.respondWith(networkFirst(request));
  }
});

self.addEventListener("message", (event) => {
  if (event.data.type === "send") event.waitUntil(sendKept());
  if (event.data.type === "status") event.waitUntil(report());
});

self.addEventListener("sync", (event) => {
  if (event.tag === "send-kept-sessions") event.waitUntil(sendKept());
});

function keptForOffline(url) {
  if (url.origin !== self.location.origin) return false;
  const path = url.pathname;
  if (path.startsWith(ROUTES.static) || path.startsWith(ROUTES.fieldKits)) return true;
  if (OFFICER.test(path)) return SESSION_FORM.test(path);
  return PUBLIC.test(path);
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    // Whole responses only: a recording's byte ranges (206) cannot be kept.
    if (response.status === 200 && response.type === "basic") {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const kept = await cache.match(request, { ignoreVary: true, ignoreSearch: isForm(request) });
    if (kept) return kept;
    throw offline;
  }
}

function isForm(request) {
  return SESSION_FORM.test(new URL(request.url).pathname);
}

/* A session sent with no connection is kept, and the officer sees the form
   again, which says what is waiting on the phone. */
async function sendOrKeep(request) {
  const entries = [...(await request.clone().formData()).entries()];
  try {
    return await fetch(request);
  } catch (offline) {
    await keep({ url: request.url, entries, keptAt: Date.now(), refused: false });
    if (self.registration.sync) {
      await self.registration.sync.register("send-kept-sessions").catch(() => {});
    }
    await report();
    return Response.redirect(request.url, 303);
  }
}

let sending = null;

function sendKept() {
  sending ??= sendEach().finally(() => {
    sending = null;
  });
  return sending;
}

async function sendEach() {
  let needsLogin = false;
  for (const session of await allKept()) {
    if (session.refused) continue;
    let response;
    try {
      response = await post(session);
      if (response.status === 403) {
        // The form's CSRF token is stale (the officer logged in again since):
        // take a fresh one from the form and send once more.
        session.entries = withToken(session.entries, await freshToken(session.url));
        response = await post(session);
      }
    } catch (offline) {
      break;
    }
    const landed = new URL(response.url).pathname;
    if (response.ok && SESSION_SAVED.test(landed)) {
      await forget(session.id);
    } else if (landed.startsWith("/admin/login/")) {
      needsLogin = true;
      break;
    } else if (response.status === 400) {
      session.refused = true;
      await update(session);
    }
  }
  await report({ needsLogin });
}

function post(session) {
  const body = new FormData();
  for (const [name, value] of session.entries) body.append(name, value);
  return fetch(session.url, { method: "POST", body, credentials: "same-origin" });
}

async function freshToken(url) {
  const html = await (await fetch(url, { credentials: "same-origin" })).text();
  const match = html.match(/name="csrfmiddlewaretoken" value="([^"]+)"/);
  return match ? match[1] : "";
}

function withToken(entries, token) {
  return entries.map(([name, value]) => [name, name === "csrfmiddlewaretoken" ? token : value]);
}

async function report(extra = {}) {
  const kept = await allKept();
  const message = {
    type: "kept",
    pending: kept.filter((session) => !session.refused).length,
    refused: kept.filter((session) => session.refused).length,
    needsLogin: false,
    ...extra,
  };
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.postMessage(message);
  }
}

/* The kept sessions, in IndexedDB. */

function database() {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open("loa-offline", 1);
    opening.onupgradeneeded = () =>
      opening.result.createObjectStore("sessions", { keyPath: "id", autoIncrement: true });
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

async function withStore(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction("sessions", mode);
    const request = work(transaction.objectStore("sessions"));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
  });
}

const keep = (session) => withStore("readwrite", (store) => store.add(session));
const update = (session) => withStore("readwrite", (store) => store.put(session));
const forget = (id) => withStore("readwrite", (store) => store.delete(id));
const allKept = () => withStore("readonly", (store) => store.getAll());
