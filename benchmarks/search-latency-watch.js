// Times the search (benchmarks/search_latency.py). window.__bench.start: the search box got the focus;
// .typed: the last keystroke (keyup: Material sends the query on it); .first: the first result was shown;
// .answered: the results of the whole query were shown (the engine answers each keystroke; window.__dxSearch.lastQuery
// is the query whose results are shown).
(query) => {
  const box = document.querySelector("input.md-search__input");
  window.__bench = {query};
  box.addEventListener("focus", () => { window.__bench.start = performance.now(); }, {once: true});
  // capture on the window: before Material's own listener, which sends the query (the engine may answer at once)
  window.addEventListener("keyup", (event) => { if (event.target === box) window.__bench.typed = performance.now(); }, true);
  new MutationObserver((_, observer) => {
    if (!document.querySelector(".md-search-result__item")) return;
    const now = performance.now();
    if (window.__bench.first === undefined) window.__bench.first = now;
    if (window.__dxSearch && window.__dxSearch.lastQuery === query) {
      window.__bench.answered = now;
      observer.disconnect();
    }
  }).observe(document.querySelector(".md-search-result__list"), {childList: true});
}
