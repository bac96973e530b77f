/* The sessions kept on this phone (IndexedDB "loa-offline"), shared by the
   service worker, which keeps and sends them, and the officer's pages, which
   list them and open one to be fixed. Each is
   {id, url, entries: [[name, value]…], keptAt, refused, reasons}.
   Beside them, the photo of the form last sent, until the server's answer
   shows: a form the server sends back with errors gets its photo again. */
const KeptStore = (() => {
  const open = () =>
    new Promise((resolve, reject) => {
      const opening = indexedDB.open("loa-offline", 2);
      opening.onupgradeneeded = () => {
        const db = opening.result;
        if (!db.objectStoreNames.contains("sessions"))
          db.createObjectStore("sessions", { keyPath: "id", autoIncrement: true });
        if (!db.objectStoreNames.contains("photos")) db.createObjectStore("photos");
      };
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });

  const withStore = async (mode, work, name = "sessions") => {
    const db = await open();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(name, mode);
      const request = work(transaction.objectStore(name));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  };

  return {
    keep: (session) => withStore("readwrite", (store) => store.add(session)),
    update: (session) => withStore("readwrite", (store) => store.put(session)),
    forget: (id) => withStore("readwrite", (store) => store.delete(id)),
    get: (id) => withStore("readonly", (store) => store.get(id)),
    all: () => withStore("readonly", (store) => store.getAll()),
    holdPhoto: (file) =>
      withStore("readwrite", (store) => store.put({ file, at: Date.now() }, "sent"), "photos"),
    takePhoto: async () => {
      const held = await withStore("readonly", (store) => store.get("sent"), "photos");
      await withStore("readwrite", (store) => store.delete("sent"), "photos");
      // Only the answer to that form, which comes within minutes.
      return held && Date.now() - held.at < 10 * 60 * 1000 ? held.file : null;
    },
  };
})();
