// What one page shows about the criteria axe cannot judge, and about which criteria apply at all (tests/test_a11y.py).
() => {
  const all = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const text = el => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
  const content = document.querySelector("article.md-content__inner") || document.body;
  const skip = document.querySelector("a.md-skip");
  const skipTarget = skip ? document.getElementById(decodeURIComponent(skip.hash.slice(1))) : null;
  const seen = new Set(), duplicates = new Set();
  all("[id]").forEach(e => (seen.has(e.id) ? duplicates.add(e.id) : seen.add(e.id)));
  const svgName = s => s.getAttribute("aria-label") || text(s.querySelector(":scope > title")) ||
    (s.getAttribute("aria-labelledby") || "").split(/\s+/).map(id => text(document.getElementById(id))).join("");
  const longAnimations = document.getAnimations().filter(a => {
    const t = a.effect && a.effect.getComputedTiming();
    return t && (t.iterations === Infinity || t.endTime > 5000);
  });
  return {
    title: document.title,
    lang: document.documentElement.getAttribute("lang"),
    skip: skip ? {text: text(skip), inContent: !!(skipTarget && skipTarget.closest(".md-content"))} : null,
    search: (document.querySelector("input.md-search__input") || {getAttribute: () => null}).getAttribute("aria-label"),
    tabs: all(".md-tabs__link").map(text),
    nav: all(".md-nav--primary > .md-nav__list > .md-nav__item").map(li =>
      text(li.querySelector(":scope > a, :scope > .md-nav__container > a, :scope > label"))),
    duplicateIds: [...duplicates],
    positiveTabindex: all("[tabindex]").filter(e => e.tabIndex > 0).map(e => e.outerHTML.slice(0, 100)),
    tables: all("table", content).map(t => ({
      start: text(t).slice(0, 60), caption: text(t.caption),
      unscoped: all("th", t).filter(th => !th.hasAttribute("scope") && !th.closest("thead")).length,
      headers: all("th", t).length,
    })),
    linksByColourOnly: all(":is(p, li, td, th, dd, dt, figcaption, caption) a[href]", content)
      .filter(a => !a.matches(".headerlink, .md-button") && a.textContent.trim())
      .filter(a => !getComputedStyle(a).textDecorationLine.includes("underline")).map(a => a.outerHTML.slice(0, 100)),
    svgWithoutText: all("svg", content).filter(s => !s.closest("[aria-hidden=true], .twemoji, .md-icon"))
      .filter(s => s.getAttribute("role") !== "img" || !svgName(s)).map(s => s.outerHTML.slice(0, 100)),
    inventory: {
      media: all("audio, video, object, embed").length + all("iframe", content).length,
      autoplay: all("[autoplay]").length,
      moving: all("marquee, blink").length + longAnimations.length,
      meta_refresh: all('meta[http-equiv="refresh" i]').length,
      forms: all("form[action], form[method='post' i]").length,
      images: all("img, input[type=image]").length,
    },
  };
}
