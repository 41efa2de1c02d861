// Times the search (benchmarks/search_latency.py): window.__bench.start when the search box gets the focus,
// window.__bench.first when the first result is shown.
() => {
  const box = document.querySelector("input.md-search__input");
  window.__bench = {};
  box.addEventListener("focus", () => { window.__bench.start = performance.now(); }, {once: true});
  new MutationObserver((_, observer) => {
    if (document.querySelector(".md-search-result__item")) {
      window.__bench.first = performance.now();
      observer.disconnect();
    }
  }).observe(document.querySelector(".md-search-result__list"), {childList: true});
}
