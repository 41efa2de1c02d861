/*
 * Connects Material for MkDocs' search UI to the Japanese search engine (search-engine.js).
 *
 * Material's bundle creates its Lunr search worker as it loads and talks to it with four
 * messages: SETUP (the index) → READY, QUERY (the typed text) → RESULT. This script runs right
 * before the bundle (partials/dx/scripts.html) and answers SETUP and QUERY itself: it wraps
 * Worker.prototype.postMessage (on file:// that is iframe-worker's shim) and dispatches READY
 * and RESULT as "message" events on the same worker object, where Material listens. Material's
 * search box, result list, keyboard navigation and page highlighting stay as they are; its
 * worker just never gets a message. If the engine fails, messages go to Material's worker.
 *
 * Material asks for its index (1.3 MB) as every page loads; search-hold.js (loaded just before this script)
 * holds that request until the reader first uses search, so a page that is only read loads neither the index
 * nor the terms. The build-time terms (assets/search/terms.js: spellings, readings and synonyms, see
 * handbook/outputs/search_terms.py) are loaded with a <script> tag (works from file://, no fetch) at that
 * first use. Without them the engine still searches (the spellings as typed).
 *
 * Material's own seam (naming our worker in __config.search) works from file:// too (tried with
 * iframe-worker's shim: the worker must resolve URLs from document.currentScript there, and wait on
 * the Promise the shim's importScripts returns), but it is not used yet: the config must be rewritten
 * before Material's bundle reads it, the state below would live in the worker where the tests cannot
 * see it, and a failing engine could no longer hand over to Material's worker.
 *
 * window.__dxSearch reports what happened (tests check it, so a Material update that changes
 * the protocol fails the tests instead of silently falling back to Lunr).
 */
(function () {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  if (window.__dxSearch || !window.Worker || !window.DxSearch || !window.__dxSearchFirstUse) return
  var state = window.__dxSearch = { engine: "DxSearch", documents: 0, terms: false, queries: 0, lastQuery: null,
                                    error: null, used: false }
  var termsURL = document.currentScript && document.currentScript.getAttribute("data-terms")
  var proto = window.Worker.prototype
  var forward = proto.postMessage
  var index = null, setup = null

  function isSetup(message) {
    return message && message.type === SETUP && message.data && Array.isArray(message.data.docs)
  }

  function isQuery(message) {
    return message && message.type === QUERY && typeof message.data === "string"
  }

  /* The terms script, loaded once (a Promise that resolves when it has loaded or failed to). */
  var terms = null
  function loadTerms() {
    return terms = terms || new Promise(function (resolve) {
      if (window.DxSearchTerms || !termsURL) return resolve()
      var script = document.createElement("script")
      script.src = termsURL
      script.onload = resolve
      script.onerror = function () { console.error("search terms not loaded: " + termsURL); resolve() }
      document.head.appendChild(script)
    })
  }

  /* The reader's first use of search (search-hold.js, which holds Material's request for its index until then):
     the terms load too. */
  window.__dxSearchFirstUse.then(function () {
    if (window.__dxSearch !== state) return  /* a Zensical page: search-zensical.js took over and loads them */
    state.used = true
    loadTerms()
  })

  function answer(message) {
    if (message === setup) {
      index = new window.DxSearch.Index(message.data, window.DxSearchTerms)
      state.documents = index.entries.length
      state.pages = function (query) {  /* every result page's location, for tests (the UI shows ten at a time) */
        return index.search(query).items.map(function (group) { return group[0].location.split("#")[0] })
      }
      state.terms = Boolean(window.DxSearchTerms)
      return { type: READY }
    }
    return { type: RESULT, data: index.search(message.data) }
  }

  proto.postMessage = function (message) {
    if (state.error || !(isSetup(message) || (setup && isQuery(message))))
      return forward.apply(this, arguments)
    if (isSetup(message)) setup = message
    var worker = this, args = arguments
    loadTerms().then(function () {
      var reply
      try {
        reply = answer(message)
      } catch (err) {
        state.error = String(err)
        console.error("Japanese search failed; using Material's search instead", err)
        if (setup && setup !== message) forward.call(worker, setup)
        return forward.apply(worker, args)
      }
      worker.dispatchEvent(new MessageEvent("message", { data: reply }))
      if (reply.type === RESULT) {
        state.queries++
        state.lastQuery = message.data
      }
    })
  }
})()
