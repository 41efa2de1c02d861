// The tables (named by caption, else their first text) wider than the article or scrolling sideways (tests/test_print.py).
() => {
  const right = document.querySelector("article").getBoundingClientRect().right + 1;
  return [...document.querySelectorAll("article table")]
    .filter(t => t.getBoundingClientRect().right > right || t.scrollWidth > t.clientWidth + 1)
    .map(t => (t.caption ? t.caption.textContent : t.textContent).slice(0, 40));
}
