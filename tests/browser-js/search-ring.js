// The focused search result's ring (tests/test_keyboard.py): its colour, the colour behind it, and whether the
// ring (outline box) lies inside the results box that clips it.
() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const box = e.closest(".md-search__scrollwrap").getBoundingClientRect(), r = e.getBoundingClientRect();
  const out = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
  let bg = "rgba(0, 0, 0, 0)";
  for (let el = e; el && /rgba\(.*, 0\)$|transparent/.test(bg); el = el.parentElement) bg = getComputedStyle(el).backgroundColor;
  return {
    result: e.classList.contains("md-search-result__link"), style: s.outlineStyle, width: parseFloat(s.outlineWidth),
    colour: s.outlineColor, own: s.backgroundColor, behind: bg,
    inside: r.left - out >= box.left - 0.5 && r.right + out <= box.right + 0.5 && r.top - out >= box.top - 0.5,
  };
}
