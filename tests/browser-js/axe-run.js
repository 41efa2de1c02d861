// axe-core's WCAG rules on the page (or on the part matching `scope`), for tests/test_a11y.py and test_keyboard.py.
// Then the "needs review" contrast axe leaves that can be measured: text made only of symbols (①, ○), text in SVG
// figures, and cells axe believes overlapped (rowspan headers) when nothing covers them on screen. Their ratio is
// computed from the colours: the text colour (SVG: fill) over the opaque backgrounds behind it (SVG: the filled
// shape under the text's centre, else the page behind the figure). Needs axe injected first (axe_init_script()).
async ([tags, scope]) => {
  const result = await axe.run(scope ? {include: [scope]} : document,
    {runOnly: {type: "tag", values: tags}, resultTypes: ["violations", "incomplete"]});
  const rgba = c => { const v = c.match(/[\d.]+/g).map(Number); return v.length > 3 ? v : [...v, 1]; };
  const over = (fg, bg) => [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
  const lum = rgb => rgb.slice(0, 3).map(v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== "none" || s.opacity !== "1") return null;
      const c = rgba(s.backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reverse().reduce((bg, c) => over(c, bg), [255, 255, 255]);
  };
  const svgBackground = el => {
    el.scrollIntoView({block: "center"});
    const r = el.getBoundingClientRect();
    const shape = document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2).find(e =>
      e instanceof SVGGeometryElement && getComputedStyle(e).fill.startsWith("rgb") && getComputedStyle(e).fillOpacity === "1");
    return shape ? rgba(getComputedStyle(shape).fill) : background(el.ownerSVGElement);
  };
  const ratio = el => {
    const svg = el instanceof SVGTextContentElement;
    const bg = svg ? svgBackground(el) : background(el);
    if (!bg) return 0;
    const fg = rgba(svg ? getComputedStyle(el).fill : getComputedStyle(el).color);
    const [a, b] = [lum(over(fg, bg)), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  };
  const uncovered = el => {
    el.scrollIntoView({block: "center"});
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top && (top === el || el.contains(top));
  };
  const reason = (n, key) => n.any.some(c => c.data && c.data.messageKey === key);
  let measured = 0;
  for (const rule of result.incomplete.filter(r => r.id === "color-contrast")) {
    rule.nodes = rule.nodes.filter(n => {
      const el = n.target.length === 1 && document.querySelector(n.target[0]);
      const measurable = el && (el instanceof SVGTextContentElement || reason(n, "nonBmp") ||
        (reason(n, "bgOverlap") && uncovered(el)));
      if (measurable && ratio(el) >= 4.5) { measured += 1; return false; }
      return true;
    });
  }
  result.incomplete = result.incomplete.filter(r => r.nodes.length);
  result.contrastMeasured = measured;
  return result;
}
