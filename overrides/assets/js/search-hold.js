/*
 * Holds the theme's request for its search index until the reader first uses search, on both hosts, so a page
 * that is only read loads no index (1.3 MB or more, parsed on every page view otherwise).
 *
 * Material asks for search/search_index.json over http (XMLHttpRequest) and for search/search_index.js from
 * file:// (a <script> appended to <head>; its ?h= highlighting subscribes to the index on every page).
 * Zensical asks for search.json and search.js at the site's root, the same two ways. Both bundles ask as they
 * load, so this script runs before them (partials/dx/scripts.html).
 *
 * First use: the pointer over the search box or button (a reader about to search: the load overlaps the
 * click), focus on the search button or in the search input (Material's, or the input in Zensical's dialog, an
 * open shadow root), the search shortcut (/, s, f; Ctrl or ⌘ with k) outside a text field, the search toggle,
 * or a page opened from a search result (?h=). Zensical opens its dialog only once its index is in: a click or
 * shortcut made before then opens it when the index arrives (from file://, within about 0.1 s); a character
 * typed in that moment on a page's first search can be lost. window.__dxSearchFirstUse is a Promise that
 * resolves then; search-material.js loads the search terms on it.
 */
(function () {
  "use strict"

  if (window.__dxSearchFirstUse) return
  var INDEX = /(^|\/)(search\/search_index|search)\.js(on)?$/
  var SHORTCUTS = ["/", "s", "f"]

  window.__dxSearchFirstUse = new Promise(function (resolve) {
    if (new URLSearchParams(location.search).has("h")) return resolve()
    document.addEventListener("focusin", function (event) {
      var target = event.composedPath ? event.composedPath()[0] : event.target
      if (target.matches && target.matches("input.md-search__input, input[role=combobox], .md-search__button"))
        resolve()
    })
    document.addEventListener("keydown", function (event) {  /* the search shortcut, outside a text field */
      var origin = event.composedPath ? event.composedPath()[0] : event.target
      if (origin.closest && origin.closest("input, textarea, select, [contenteditable]")) return
      if (SHORTCUTS.indexOf(event.key) >= 0 || (event.key === "k" && (event.ctrlKey || event.metaKey))) resolve()
    })
    document.addEventListener("change", function (event) {
      if (event.target.matches && event.target.matches("input[data-md-toggle=search]")) resolve()
    })
    document.addEventListener("pointerover", function (event) {
      if (event.target.closest && event.target.closest(".md-search__form, label[for=__search], .md-search__button"))
        resolve()
    })
  })
  var firstUse = window.__dxSearchFirstUse

  function isIndex(url) {
    try { return INDEX.test(new URL(url, location.href).pathname) }
    catch (err) { return false }
  }

  /* Over http: the XMLHttpRequest. */
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__dxIndex = isIndex(url)
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments
    if (!request.__dxIndex) return send.apply(request, args)
    firstUse.then(function () { send.apply(request, args) })
  }

  /* From file://: the <script> appended to <head>. */
  var head = document.head, append = head.appendChild
  head.appendChild = function (node) {
    if (!(node instanceof HTMLScriptElement && node.src && isIndex(node.src))) return append.apply(this, arguments)
    firstUse.then(function () { append.call(head, node) })
    return node
  }
})()
