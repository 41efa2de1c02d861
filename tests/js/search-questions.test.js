// Unit tests of how the search engine (overrides/assets/js/search-engine.js) reads a question: the words it keeps,
// the spellings and synonyms each stands for, partial matches and the words they lack, and the sentence it shows.
// Run with `node --test tests/js/*.test.js` (tests/test_js.py runs them under pytest).
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const { Index, Spellings, fold, parseQuery } = require("../../overrides/assets/js/search-engine.js")

/* The terms of a query as parseQuery reads it against a corpus (a string standing for the index's text). */
function labels(query, terms, corpus) {
  const folded = fold(corpus)
  return parseQuery(query, new Spellings(terms), needle => folded.includes(needle)).map(t => t.label)
}

test("a query found as a whole stays one term", () => {
  assert.deepEqual(labels("データ移行", {}, "⑭データ移行"), ["データ移行"])
  assert.deepEqual(labels("RFI実施", {}, "RFI実施の担当"), ["RFI実施"])
})

test("a question keeps its content words: particles, question and request words go", () => {
  assert.deepEqual(labels("PIAはいつまでにやる", {}, "PIA の評価"), ["PIA"])
  assert.deepEqual(labels("外字はどうすればいい", {}, "外字の扱い"), ["外字"])
  assert.deepEqual(labels("データ移行のやり方", {}, "データ移行の流れ"), ["データ移行"])
  assert.deepEqual(labels("DX推進の担当部署を作りたい", {}, "DX推進担当部門"), ["DX推進", "担当", "部署", "作り"])
  assert.deepEqual(labels("事例の読み方を知りたい", {}, "事例の一覧"), ["事例", "読み方"])
})

test("pieces of the word segmenter are joined again when the index has the whole", () => {
  assert.deepEqual(labels("CIO補佐官の雇い方", {}, "CIO 補佐官の任用"), ["CIO補佐官", "雇"])
  assert.deepEqual(labels("ベンダーロックインを避けたい", {}, "ベンダロックイン"), ["ベンダーロックイン", "避"], "ベンダ|ー|ロック|イン")
  assert.deepEqual(labels("ガバクラの費用", { variants: [["ガバクラ", "g", "ガバメントクラウド"]] }, "ガバメントクラウドの利用料と回線費用"),
    ["ガバクラ", "費用"])
})

test("a synonym finds the word the handbook uses, also for an inflected verb", () => {
  const terms = { synonyms: [["任用", "雇う", "雇用"], ["育成", "育てる"], ["担当部門", "担当部署"], ["負担", "払う"]] }
  const spellings = new Spellings(terms)
  assert.ok(spellings.synonyms(fold("担当部署")).includes("担当部門"))
  assert.ok(spellings.synonyms(fold("雇い")).includes("任用"), "雇い → 雇う (stem 雇) → 任用")
  assert.ok(spellings.synonyms(fold("育てる")).includes("育成"))
  const docs = [
    { location: "a.html", title: "CIO 補佐官等の任用形態", text: "<p>任用の形。</p>" },
    { location: "b.html", title: "CIO 補佐官等に求めるスキル", text: "<p>スキル標準。</p>" },
    { location: "c.html", title: "DX推進担当部門の設置", text: "<p>部門を置く。</p>" },
    { location: "d.html", title: "デジタル人材の育成", text: "<p>研修で育てる。</p>" },
    { location: "e.html", title: "運用経費", text: "<p>費用は団体が負担する。</p>" },
  ]
  const index = new Index({ docs }, terms)
  const first = query => index.search(query).items[0][0].location
  assert.equal(first("CIO補佐官の雇い方"), "a.html")
  assert.equal(first("DX推進の担当部署を作りたい"), "c.html")
  assert.equal(first("デジタル人材を育てるには"), "d.html")
  assert.equal(first("費用は誰が払う"), "e.html")
})

test("a synonym counts less than the word typed", () => {
  const docs = [
    { location: "syn.html", title: "経費の見積り", text: "" },
    { location: "word.html", title: "コストの見積り", text: "" },
  ]
  const index = new Index({ docs }, { synonyms: [["経費", "コスト"]] })
  assert.deepEqual(index.search("コスト").items.map(g => g[0].location), ["word.html", "syn.html"])
})

test("when no section has every word, the best partial matches come, each saying which words it lacks", () => {
  const docs = [
    { location: "a.html", title: "⑩ベンダ選定・決定", text: "<p>評価基準で事業者を選ぶ。</p>" },
    { location: "b.html", title: "連携方法", text: "<p>ベンダに確かめる。</p>" },
  ]
  const found = new Index({ docs }).search("ベンダを選定するときの落とし穴").items
  assert.ok(found.length >= 2, "no dead end")
  assert.equal(found[0][0].location, "a.html")
  assert.equal(found[0][0].terms["落とし穴"], false, "the missing word is named")
  assert.equal(found[1][0].terms["選定"], false)
})

test("a question about a covered topic never comes back empty", () => {
  const docs = [{ location: "a.html", title: "⑫特定個人情報保護評価（PIA）", text: "<p>評価書を公表する。</p>" }]
  const index = new Index({ docs }, { aliases: [["PIA", "特定個人情報保護評価"]] })
  for (const query of ["PIAはいつまでにやる", "PIAって何をすればいいの", "特定個人情報保護評価の期限を知りたい"])
    assert.equal(index.search(query).items[0][0].location, "a.html", query)
})

test("the teaser is the sentence with the most matched words, not the text around the first match", () => {
  const text = "<p>データの扱いを決める。</p><ul><li>移行の日程</li></ul><p>データ移行の前に、移行判定の基準を決めておく。最後に確認する。</p>"
  const index = new Index({ docs: [{ location: "a.html", title: "⑭", text }] })
  const [[hit]] = index.search("データ移行の判定").items
  assert.equal(hit.text, "<p>…<mark>データ移行</mark>の前に、移行<mark>判定</mark>の基準を決めておく。…</p>")
})

test("list items and paragraphs are not run together", () => {
  const index = new Index({ docs: [{ location: "a.html", title: "体制", text: "<ul><li>選定委員会</li><li>契約担当課</li></ul>" }] })
  const [[hit]] = index.search("契約").items
  assert.equal(hit.text, "<p>…<mark>契約</mark>担当課</p>")
})
