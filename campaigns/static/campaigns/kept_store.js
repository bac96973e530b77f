/* The sessions kept on this phone (IndexedDB "loa-offline"), shared by the
   service worker, which keeps and sends them, and the officer's pages, which
   list them and open one to be fixed. Each is
   {id, url, entries: [[name, value]…], keptAt, refused, reasons}. */
const KeptStore = (() => {
  const open = () =>
    new Promise((resolve, reject) => {
      const opening = indexedDB.open("loa-offline", 1);
      opening.onupgradeneeded = () =>
        opening.result.createObjectStore("sessions", { keyPath: "id", autoIncrement: true });
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });

  const withStore = async (mode, work) => {
    const db = await open();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction("sessions", mode);
      const request = work(transaction.objectStore("sessions"));
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
  };
})();
