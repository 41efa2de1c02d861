/*
 * Connects Zensical's search UI to the Japanese search engine (search-engine.js); Zensical builds only
 * (listed in zensical.yml and zensical-offline.yml). search-material.js does the same for Material.
 *
 * Zensical 0.0.73's UI talks to its search worker with: SETUP {config, items} → READY,
 * QUERY {input, filter, page?} → RESULT {items: [{id, matches}], pagination, aggregations}, where
 * `id` is an item's position in the index and each match gives highlight ranges (character offsets)
 * for a field ("title", "text", "path"). This script wraps Worker.prototype.postMessage (on file://
 * that is iframe-worker's shim), answers SETUP and plain-text QUERY messages with the engine and
 * dispatches READY and RESULT as "message" events on the same worker, where the UI listens. Tag
 * filters (a structured query) and anything the engine fails on go to Zensical's own worker.
 *
 * Zensical loads its index when search is first used (search-hold.js holds the request until then), or on a
 * page opened from a search result (?h=, for highlighting); it then sends SETUP and an empty query. Both are
 * answered at once; the engine's index is built, and the build-time terms (assets/search/terms.js: spellings,
 * readings, synonyms; a <script> tag, which works from file://) are loaded, when the first query with text comes.
 *
 * window.__dxSearch reports what happened (tests check it, so a Zensical update that changes the
 * protocol fails the tests instead of silently falling back to Zensical's search).
 */
(function () {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3, PAGE_SIZE = 10
  /* search-material.js runs on every page (the theme override), before the bundle; on a Zensical page it never
     sees Material's messages, so its state is replaced here */
  if ((window.__dxSearch && window.__dxSearch.host === "zensical") || !window.Worker) return
  var state = window.__dxSearch = { engine: "DxSearch", host: "zensical", documents: 0, queries: 0,
                                    lastQuery: null, error: null }
  var proto = window.Worker.prototype
  var forward = proto.postMessage
  var index = null, ids = null, setup = null
  var script = document.currentScript && document.currentScript.src
  var termsURL = script && script.replace(/assets\/js\/search-zensical\.js([?#].*)?$/, "assets/search/terms.js")

  /* The terms script, loaded once (a Promise that resolves when it has loaded or failed to). */
  var terms = null
  function loadTerms() {
    return terms = terms || new Promise(function (resolve) {
      if (window.DxSearchTerms || !termsURL || termsURL === script) return resolve()
      var tag = document.createElement("script")
      tag.src = termsURL
      tag.onload = resolve
      tag.onerror = function () { console.error("search terms not loaded: " + termsURL); resolve() }
      document.head.appendChild(tag)
    })
  }

  function isSetup(message) {
    return message && message.type === SETUP && message.data && Array.isArray(message.data.items)
  }

  function isQuery(message) {
    var data = message && message.type === QUERY && message.data
    return data && typeof data.input === "string" && !hasFilter(data.filter)
  }

  function hasFilter(filter) {
    var input = filter && filter.input
    return !!(input && input.data && input.data.operands && input.data.operands.length)
  }

  /* Character ranges of <mark>…</mark> in the engine's highlighted, escaped title, over its plain text. */
  function markRanges(html) {
    var ranges = [], plain = 0, start = -1
    html.replace(/<\/?mark>|&(?:#x[0-9a-f]+|#[0-9]+|[a-z]+);|[^<&]+/gi, function (token) {
      if (token === "<mark>") start = plain
      else if (token === "</mark>") { ranges.push({ start: start, end: plain, value: 1 }); start = -1 }
      else plain += token.charAt(0) === "&" ? 1 : token.length
      return token
    })
    return ranges
  }

  /* The engine's index of the items SETUP sent, built once, after the terms have loaded. */
  function buildIndex() {
    var items = setup.data.items
    /* the glossary's entries are left out: a result must be an item of Zensical's index (its id) */
    var spellings = window.DxSearchTerms && Object.assign({}, window.DxSearchTerms, { glossary: null })
    index = new window.DxSearch.Index({ docs: items }, spellings)
    state.terms = Boolean(window.DxSearchTerms)
    ids = new Map(items.map(function (item, id) { return [item.location, id] }))
    state.documents = index.entries.length
  }

  /* Whether answering needs the engine: SETUP and an empty query (Zensical sends one as it starts) do not. */
  function needsEngine(message) {
    return message !== setup && message.data.input.trim() !== ""
  }

  function answer(message) {
    if (message === setup) return { type: READY }
    var found = []
    if (needsEngine(message)) {
      if (!index) buildIndex()
      index.search(message.data.input).items.forEach(function (group) {
        group.forEach(function (result) {
          var id = ids.get(result.location)
          if (id === undefined) return
          found.push({ id: id, matches: [{ id: id, field: "title", score: result.score,
                                           value: { highlight: { ranges: markRanges(result.title) } } }] })
        })
      })
    }
    var page = message.data.page || { id: Date.now(), size: PAGE_SIZE, from: 0 }
    var size = page.size || PAGE_SIZE, from = page.from || 0
    return { type: RESULT, data: {
      items: found.slice(from, from + size),
      aggregations: [],
      pagination: {
        total: found.length,
        prev: from - size >= 0 ? { id: page.id, size: size, from: from - size } : undefined,
        next: from + size < found.length ? { id: page.id, size: size, from: from + size } : undefined
      }
    } }
  }

  /* As the worker would: a real Worker calls its onmessage handler on dispatch, iframe-worker's shim
     calls it itself (the UI sets onmessage). */
  function deliver(worker, event) {
    worker.dispatchEvent(event)
    if (window.IFrameWorker && worker instanceof window.IFrameWorker && worker.onmessage) worker.onmessage(event)
  }

  proto.postMessage = function (message) {
    if (state.error || !window.DxSearch || !(isSetup(message) || (setup && isQuery(message))))
      return forward.apply(this, arguments)
    if (isSetup(message)) {
      setup = message
      index = null
    }
    var worker = this, args = arguments
    ;(needsEngine(message) ? loadTerms() : Promise.resolve()).then(function () {
      var reply
      try {
        reply = answer(message)
      } catch (err) {
        state.error = String(err)
        console.error("Japanese search failed; using Zensical's search instead", err)
        if (setup && setup !== message) forward.call(worker, setup)
        return forward.apply(worker, args)
      }
      deliver(worker, new MessageEvent("message", { data: reply }))
      if (reply.type === RESULT) {
        state.queries++
        state.lastQuery = message.data.input
      }
    })
  }
})()
