// The focused element as a sighted keyboard user sees it (tests/test_keyboard.py), once menus have finished sliding
// and tooltips fading if `settle`; null when nothing has the focus. `key` names the element across calls.
async settle => {
  if (settle) await Promise.all(document.getAnimations()
    .filter(a => a.playState === "running" && a.effect.getComputedTiming().iterations !== Infinity)
    .map(a => a.finished.catch(() => null)));
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(), cls: String(e.className || ""), role: e.getAttribute("role"),
    name: (e.getAttribute("aria-label") || e.textContent || e.getAttribute("title") || e.value || "").replace(/\s+/g, " ").trim().slice(0, 40),
    expanded: e.getAttribute("aria-expanded"), checked: e.checked === undefined ? null : e.checked,
    inContent: !!e.closest(".md-content"), inDrawer: !!e.closest(".md-sidebar--primary"),
    onScreen: r.width > 0 && r.height > 0 && r.left >= -1 && r.top >= -1 && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1,
    ring: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none",
    key: e.dataset.dxStop || (e.dataset.dxStop = String(++window.dxStops || (window.dxStops = 1))),
  };
}
