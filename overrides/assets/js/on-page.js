/*
 * dxOnPage(init): runs a page script's set-up on every page the reader sees, online and from file://.
 *
 * Material's instant navigation swaps pages in without reloading, and tells of each through document$;
 * where document$ is missing or does not tell (file://, another host), the set-up runs once the document
 * has loaded. It may therefore run twice for one page: every init given here must be idempotent.
 * Loaded before the scripts that use it (extra_javascript in mkdocs.yml).
 */
window.dxOnPage = function (init) {
  "use strict";
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
};
