// Unit tests of the search engine (overrides/assets/js/search-engine.js): folding, spellings, ranking.
// Run with `node --test tests/js/` (tests/test_js.py runs them under pytest, with DX_SEARCH_TERMS set
// to the terms file generated from this project's sources).
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const fs = require("node:fs")
const path = require("node:path")
const vm = require("node:vm")
const DxSearch = require("../../overrides/assets/js/search-engine.js")

const { fold, foldMapped, Index, Spellings } = DxSearch

/* Titles of the results, page by page, without <mark>. */
function titles(index, query) {
  return index.search(query).items.map(group => group.map(item => item.title.replace(/<\/?mark>/g, "")))
}

test("folds width, case and spacing", () => {
  for (const [text, folded] of [
    ["ＲＦＩ", "rfi"], ["Ｆｉｔ＆Ｇａｐ", "fit&gap"], ["ｶﾞﾊﾞﾒﾝﾄｸﾗｳﾄﾞ", "ガバメントクラウド"],
    ["DX 推進　担当", "dx推進担当"], ["Fit & Gap 分析", "fit & gap分析"], ["３０日〜６０日", "30日~60日"],
  ]) {
    assert.equal(fold(text), folded, text)
    assert.equal(foldMapped(text).text, folded, text)
  }
})

test("a long-vowel mark after kana is optional, also inside compounds", () => {
  assert.equal(fold("ベンダー"), fold("ベンダ"))
  assert.equal(fold("サーバー"), fold("サーバ"))
  assert.equal(fold("インターフェース"), fold("インタフェース"))
  assert.equal(fold("ｻｰﾊﾞｰ"), fold("サーバ"))
  assert.ok(fold("メタデータの管理").includes(fold("データ")), "データ is still found inside メタデータ")
  assert.equal(fold("⑭データ移行"), "14デタ移行")
  assert.equal(foldMapped("⑭データー移行").text, fold("⑭データー移行"))
  assert.equal(fold("ー覧"), "ー覧", "a mark that follows no kana stays")
})

test("highlights the written text of a folded match", () => {
  const index = new Index({ docs: [{ location: "a.html", title: "ベンダー選定", text: "<p>サーバーとベンダーの選定。</p>" }] })
  const [[hit]] = index.search("ベンダ").items
  assert.equal(hit.title, "<mark>ベンダー</mark>選定")
  assert.equal(hit.text, "<p>サーバーと<mark>ベンダー</mark>の選定。</p>")
  assert.deepEqual(hit.terms, { "ベンダー": true }, "Material highlights the page with the written form")
})

test("the index folds all sections at once as it would one by one", () => {
  const docs = [
    { location: "a.html", title: " <code>RFI</code> の実施 ", text: "<p> データー </p>\n<ul><li>ベンダ&amp;サーバー</li></ul>  " },
    { location: "a.html#x", title: "ー覧", text: "ーカ　ｶﾞﾊﾞﾒﾝﾄ <b>クラウド</b> 推進 a b" },
    { location: "b.html", title: "Fit & Gap", text: "" },
    { location: "c.html", title: "見出し" },
  ]
  const index = new Index({ docs })
  const plain = DxSearch.plainText
  assert.deepEqual(index.entries.map(e => [e.plainTitle, e.plainText, e.title, e.text]),
    docs.map(d => [plain(d.title), plain(d.text), fold(plain(d.title)), fold(plain(d.text))]))
})

test("a result's highlights are worked out when Material first reads them", () => {
  const docs = Array.from({ length: 3 }, (_, n) => ({ location: `p${n}.html`, title: `ベンダー選定${n}`, text: "<p>選定。</p>" }))
  const items = new Index({ docs }).search("ベンダ").items
  assert.equal(items.length, 3)
  assert.equal(items[2][0].title, "<mark>ベンダー</mark>選定2")
  assert.equal(JSON.stringify(items[0][0]), JSON.stringify({ location: "p0.html", score: items[0][0].score,
    title: "<mark>ベンダー</mark>選定0", text: "<p>選定。</p>", terms: { "ベンダー": true } }))
})

test("okurigana variants from the list find each other", () => {
  const spellings = new Spellings({ okurigana: [["取組", "取組み", "取り組み"], ["手続", "手続き"]] })
  assert.deepEqual(spellings.alternatives("取り組み").sort(), ["取り組み", "取組", "取組み"].sort())
  assert.ok(spellings.alternatives("行政手続き").includes("行政手続"))
  assert.deepEqual(new Spellings().alternatives("取り組み"), ["取り組み"], "without the list, none")
})

test("prh variants rewrite the query to the house spelling", () => {
  const spellings = new Spellings({ variants: [["ベンダー(?!ー)", "g", "ベンダ"], ["ガバクラ", "g", "ガバメントクラウド"]] })
  assert.ok(spellings.alternatives("ガバクラ").includes("ガバメントクラウド"))
})

test("hiragana finds katakana", () => {
  const index = new Index({ docs: [{ location: "a.html", title: "データ移行", text: "" }] })
  assert.deepEqual(titles(index, "でーた"), [["データ移行"]])
})

test("glossary aliases bring the full term", () => {
  const spellings = new Spellings({ aliases: [["PIA", "特定個人情報保護評価"]] })
  assert.ok(spellings.alternatives("ｐｉａ").includes("特定個人情報保護評価"))
  assert.ok(spellings.alternatives("特定個人情報保護評価").includes("pia"))
})

test("a kana query is split into known readings, fewest pieces first", () => {
  const spellings = new Spellings({ readings: { "デタ": ["データ"], "イコウ": ["移行", "以降"], "イ": ["異"], "コウ": ["項"] } })
  const read = spellings.reading("でーたいこう")
  assert.deepEqual(read.phrases.slice(0, 2), ["デタ移行", "デタ以降"])
  assert.deepEqual(read.words, [["デタ"], ["移行", "以降"]])
  assert.deepEqual(spellings.reading("移行").phrases, [], "only kana is looked up")
  const index = new Index({ docs: [{ location: "a.html", title: "データ移行", text: "" }, { location: "b.html", title: "その他", text: "<p>移行の以降。</p>" }] },
    { readings: { "デタ": ["データ"], "イコウ": ["移行", "以降"] } })
  assert.deepEqual(titles(index, "でーたいこう"), [["データ移行"]])
})

test("ranks a heading with the query first, then the glossary entry, then pages that mention it", () => {
  const docs = [
    { location: "mention.html", title: "計画", text: "<p>標準化法と標準化法と標準化法に基づき計画する。</p>" },
    { location: "about/glossary.html", title: "用語集", text: "<p>略語と用語。</p>" },
    { location: "law.html", title: "法令", text: "" },
    { location: "law.html#law", title: "2. 地方公共団体情報システムの標準化に関する法律", text: "<p>法律の概要。</p>" },
  ]
  const terms = {
    aliases: [["標準化法", "地方公共団体情報システムの標準化に関する法律"]],
    glossary: { page: "about/glossary.md", entries: [{ id: "term-law", title: "標準化法（地方公共団体情報システムの標準化に関する法律）", text: "法律。" }] },
  }
  const found = new Index({ docs }, terms).search("標準化法").items
  assert.deepEqual(found.map(group => group[0].location), ["law.html#law", "about/glossary.html#term-law", "mention.html"])
})

test("ranks literal title matches first", () => {
  const docs = [
    { location: "a.html", title: "移行の計画", text: "<p>データの移行を計画する。</p>" },
    { location: "b.html", title: "作業項目", text: "" },
    { location: "b.html#std-14", title: "⑭データ移行", text: "<p>データ移行の手順。</p>" },
    { location: "c.html", title: "クラウド", text: "<p>ガバメントクラウドを使う。</p>" },
  ]
  const index = new Index({ docs })
  assert.deepEqual(index.search("データ移行").items.map(g => g.map(i => i.title)),
    [["⑭<mark>データ移行</mark>", "作業項目"], ["<mark>移行</mark>の計画"]])
  assert.deepEqual(index.search("ｸﾗｳﾄﾞ").items.map(g => g.map(i => [i.location, i.text])),
    [[["c.html", "<p>ガバメント<mark>クラウド</mark>を使う。</p>"]]])
})

/* The terms generated from this project's sources (handbook/outputs/search_terms.py), when tests/test_js.py gives them. */
function projectTerms(t) {
  const file = process.env.DX_SEARCH_TERMS
  if (!file) return t.skip("DX_SEARCH_TERMS not set (tests/test_js.py sets it)")
  const sandbox = { self: {} }
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox)
  return sandbox.self.DxSearchTerms
}

test("the search spells a query as prh.yml's self-tests expect the lint to (one dictionary)", t => {
  const terms = projectTerms(t)
  if (!terms) return
  const prh = fs.readFileSync(path.join(__dirname, "../../prh.yml"), "utf8")
  const specs = [...prh.matchAll(/- from: (.+)\n\s+to: (.+)/g)].map(m => [m[1].trim(), m[2].trim()])
  assert.ok(specs.length > 10)
  const spellings = new Spellings(terms)
  for (const [from, to] of specs)
    assert.ok(spellings.alternatives(from).includes(fold(to)), `${from} → ${to}: ${spellings.alternatives(from)}`)
})

test("the project's okurigana list and readings are used", t => {
  const terms = projectTerms(t)
  if (!terms) return
  const spellings = new Spellings(terms)
  assert.ok(spellings.alternatives("手続き").includes("手続"))
  assert.ok(spellings.reading("でーたいこう").phrases.includes(fold("データ移行")))
  assert.ok(spellings.alternatives("ガバクラ").includes("ガバメントクラウド"))
})
