// Run before following a link (tests/test_navigation.py). Marks the document, so a reload shows: window.__dxSameDocument
// is gone. window.__dxSettled() holds once the path is unchanged (a link to an anchor on the same page swaps nothing)
// or Material swapped a page in (document$) more than 150 ms ago: it closes the search and the drawer 125 ms after.
() => {
  window.__dxSameDocument = true;
  const path = location.pathname;
  let swapped = 0;
  document$.subscribe(() => { swapped = performance.now(); });
  const clicked = performance.now(); // after subscribing: document$ replays the current page to a new subscriber
  window.__dxSettled = () => location.pathname === path || (swapped > clicked && performance.now() - swapped > 150);
}
