// Samtal's service worker: the app shell opens offline, and each release
// replaces the previous one.
//
// Its source (xtask/src/sw.js) is a template: the list of files exists only
// once trunk has built dist/, so `cargo xtask build` fills in VERSION and
// PRECACHE (xtask/src/build.rs, `service_worker`) and writes dist/sw.js. The
// source lives beside that code, not in public/, so it is never served unfilled.
//
// - install: precaches the shell (`/`, which is index.html) and the build's
//   hashed wasm, js and css and its favicon, then takes over without waiting.
// - activate: deletes the caches of every other version and controls the
//   open pages.
// - fetch: leaves `/api/…`, non-GET requests, WebSocket upgrades and other
//   origins to the network. Page loads go to the network first, keeping the
//   shell fresh, and fall back to the cached shell offline, so any client
//   route (`/chats/4`) opens. Precached assets come from the cache.
"use strict";

// Both filled in by the build: a hash of the build's files, and their paths.
const VERSION = "__VERSION__";
const PRECACHE = [/* PRECACHE */];

const PREFIX = "samtal-shell-";
const CACHE = PREFIX + VERSION;
// The shell, under the path the server answers with index.html.
const SHELL = "/";
// The assets served cache-first: their names carry a hash of their contents.
const ASSETS = new Set(PRECACHE.filter((path) => path !== SHELL));
// One version of each path is cached: whatever `Vary` says (the server's
// compression adds `Vary: accept-encoding`), a path's cached copy is the one.
const MATCH = { ignoreVary: true };

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: past the browser's HTTP cache, straight from the release.
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: "reload" }))))
      // A new release takes over at the next page load, not once every tab is closed.
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  // WebSockets never reach a service worker; should an upgrade ever get here, it is not ours.
  if (request.headers.has("upgrade")) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === "/api" || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else if (ASSETS.has(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

// A page load: the network's answer, which also refreshes the cached shell;
// offline, the cached shell, whose router then opens the requested route.
async function navigate(request) {
  try {
    const response = await fetch(request);
    if (isShell(response)) {
      const cache = await caches.open(CACHE);
      await cache.put(SHELL, response.clone());
    }
    return response;
  } catch (error) {
    const cache = await caches.open(CACHE);
    const shell = await cache.match(SHELL, MATCH);
    if (shell) return shell;
    throw error;
  }
}

// Only a plain, successful HTML page is the shell: not an error page, not a
// redirect, not a file the browser was asked to open.
function isShell(response) {
  const type = response.headers.get("content-type") || "";
  return response.ok && response.type === "basic" && !response.redirected && type.startsWith("text/html");
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, MATCH);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
