/* Loa's service worker, for outreach officers where there is no signal.

   - Every public page, PDF and field kit the officer opened, and the session
     form, stays readable offline: fetched from the network when there is one,
     else from the copy kept at the last visit.
   - A session logged with no connection is kept on the phone (IndexedDB,
     kept_store.js) and sent when the connection returns. Each form carries a
     submission id, so a session sent twice is saved once. One the server
     refuses stays kept with the server's reasons, for the officer to fix
     and send again, or discard, from the list of kept sessions.

   Only the officer's screens register it; the site works without it. The
   officer's list and detail screens (names, notes) are never kept: the
   sessions waiting on the phone are the officer's own typing.

   ROUTES, the paths it matches, is written before this script by the server
   (campaigns/offline.py). */

importScripts(ROUTES.keptStore);

const VERSION = "loa-offline-v2";
const PAGES = `${VERSION}-pages`;
const literally = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const LANGUAGE = `/(?:${ROUTES.languages.map(literally).join("|")})`;
const SESSION_FORM = new RegExp(`^${LANGUAGE}${literally(ROUTES.sessionForm)}$`);
const SESSION_RULES = new RegExp(`^${LANGUAGE}${literally(ROUTES.sessionRules)}$`);
const KEPT_SESSIONS = new RegExp(`^${LANGUAGE}${literally(ROUTES.keptSessions)}$`);
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
  if (OFFICER.test(path)) {
    return [SESSION_FORM, SESSION_RULES, KEPT_SESSIONS].some((screen) => screen.test(path));
  }
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
    await KeptStore.keep({ url: request.url, entries, keptAt: Date.now(), refused: false });
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
  for (const session of await KeptStore.all()) {
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
      await KeptStore.forget(session.id);
    } else if (landed.startsWith("/admin/login/")) {
      needsLogin = true;
      break;
    } else if (response.status === 400) {
      session.refused = true;
      session.reasons = await reasonsOf(response);
      await KeptStore.update(session);
    }
  }
  await report({ needsLogin });
}

/* Sent by the worker, a session asks for the server's reasons as JSON. */
function post(session) {
  const body = new FormData();
  for (const [name, value] of session.entries) body.append(name, value);
  return fetch(session.url, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
}

async function reasonsOf(response) {
  try {
    return (await response.json()).reasons;
  } catch (notJson) {
    return [];
  }
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
  const kept = await KeptStore.all();
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
