/*
 * Japanese full-text search over Material for MkDocs' search index (search/search_index.json).
 *
 * Query terms are matched as substrings of normalised text, so compound words (データ移行),
 * katakana inside compounds (クラウド in ガバメントクラウド) and mixed script (CIO補佐官) match
 * without a dictionary. Text and queries are folded the same way: NFKC (ＲＦＩ → RFI, ｶﾞ → ガ),
 * lower case, one kind of dash, and no spaces next to Japanese characters ("DX 推進" = "DX推進").
 * A term that does not occur as a whole falls back to its words (Intl.Segmenter), all required:
 * RFI実施 matches a section with "RFI" and "実施".
 *
 * Folding also drops a long-vowel mark after kana (ベンダー = ベンダ, インターフェース = インタフェース):
 * Lucene's JapaneseKatakanaStemFilter drops only a word's last one, which needs word boundaries and
 * would break substring matching (データ inside メタデータ); dropping every one keeps fold() local.
 *
 * With the build-time terms (assets/search/terms.js, made by macros/search_terms.py) each query term
 * also stands for its other spellings: prh.yml's variants (the lint's dictionary), okurigana variants
 * (data/okurigana.yml), glossary aliases (ガバクラ, PIA → 特定個人情報保護評価), katakana for hiragana,
 * and for a kana query the written forms of its reading (でーたいこう → データ移行), found by splitting
 * the kana into readings known from the corpus (fewest pieces), not by morphological analysis.
 * Synonyms (data/synonyms.yml and Sudachi's synonym dictionary) add the words the handbook uses for a word staff
 * use (雇う → 任用, コスト → 経費), weighted below the word itself.
 *
 * Questions: a query term that occurs nowhere (「ベンダーの選び方」「PIAはいつまでにやる」) is read as words
 * (Intl.Segmenter; neighbouring pieces joined again when the index or the terms know the whole: ガバ|クラ,
 * CIO|補佐|官), dropping particles, question and request words (は, の, いつ, どうすれば, 方法, 〜たい); an
 * inflected word also stands for its stem (育てる → 育, 雇い → 雇) and the synonyms of its dictionary form. Each
 * word is a term of its own, so a section with some of them still ranks, below one with all, and the result
 * says which words it lacks.
 * Ranking: pages with a heading containing the query first, then the glossary entry, then the rest.
 *
 * Results have the shape Material's search UI renders (items grouped by page, best first, with
 * <mark> highlights). No DOM needed: runs in a page, a worker or Node (module.exports).
 */
(function (root) {
  "use strict"

  var CJK = "\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}ー々〆〇ヶ"
  /* a space before or after a Japanese character (written to start with the space: a scan for spaces is fast) */
  var SPACE_NEAR_CJK = new RegExp(" (?:(?=[" + CJK + "])|(?<=[" + CJK + "] ))", "gu")
  var DASHES = /[\u2010-\u2015\u2212]/g
  var WAVE_DASH = /\u301c/g
  var CJK_CHAR = new RegExp("^[" + CJK + "]$", "u")
  var LATIN_WORD_CHAR = new RegExp("(?![" + CJK + "])[\\p{L}\\p{N}]", "u")
  var MARKS = /[\u0300-\u036f\u3099\u309a\uff9e\uff9f]/
  var STABLE = /^[a-z0-9\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3005\u3001\u3002\u300c-\u300f\u30fb]$/
  var BLOCK_TAG = /^<\/?(p|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|div|br|hr|h[1-6]|pre|blockquote|figure|figcaption|details|summary)\b/i
  var NUMBERING = /^(第[0-9]+[章節部]|\([0-9a-z]+\)|[0-9]+(\.[0-9]+)*\.?)\s*/   /* ⑭ (3) 4.1 第2章 */
  var NOTE = /\s*[【(\[][^【(\[]*[】)\]]$/                                          /* 【A, B パターン共通】 */
  var LONG_VOWEL = /\u30fc+(?<=[\u3041-\u3096\u30a1-\u30fa]\u30fc+)/g   /* ー after kana (found by the ー first) */
  var KANA = /^[\u3041-\u3096\u30a1-\u30fa\u30fc]$/
  var HIRAGANA = /[\u3041-\u3096]/
  var ALL_KANA = /^[\u3041-\u3096\u30a1-\u30fa\u30fc]+$/
  var MAX_ALTERNATIVES = 24     /* spellings tried per query term */
  var SYNONYM_WEIGHT = 0.8      /* a synonym counts a little less than the word typed */
  var STEM_WEIGHT = 0.6         /* so does the stem of an inflected word (育 for 育てる) */
  var MAX_JOINED = 6            /* word pieces joined again into one word at most */
  var OKURIGANA = /^(.*[\p{sc=Han}々〆ヶ])[\p{sc=Hiragana}]+(方)?$/u    /* 育てる, 雇い, 選び方 → 育, 雇, 選 */
  var HIRAGANA_ONLY = /^[\u3041-\u3096\u30fc]+$/
  /* Words of a question that are not what it is about: question and request words, "way", "need", "when".
     (Particles and other words in hiragana alone are dropped anyway, unless they are synonyms: よくなる.) */
  var QUESTION_WORDS = new Set(["方", "方法", "仕方", "やり方", "何", "誰", "何処", "必要", "場合", "時", "際",
    "他", "他の", "後", "後に", "前", "点", "事", "物", "本当", "一番", "今", "具体", "具体的", "知", "教", "見",
    "分", "聞", "良", "悪", "間", "合", "件", "為", "的", "私", "当", "上", "意味", "とは", "について"])
  var MAX_READING = 20          /* longest reading (kana) looked up */
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " }
  var TITLE_WEIGHT = 10     /* a term in a title counts like ten lines of text mentioning it */
  var WORDS_WEIGHT = 0.5    /* a term found only as separate words counts half */
  var SECTIONS_WEIGHT = 0.1 /* each further matching section of a page adds a tenth of its score */
  var MAX_COUNT = 20        /* occurrences counted per field (the score grows with the log) */
  var TEASER_LENGTH = 160
  var SEP = "\u0000"            /* between the fields of the corpus (no text has it) */

  /* Fold text for matching. fold(a) contains fold(b) whenever a reader would say a contains b. */
  function fold(text) {
    return text.normalize("NFKC").toLowerCase()
      .replace(DASHES, "-").replace(WAVE_DASH, "~")
      .replace(/\s+/g, " ").replace(SPACE_NEAR_CJK, "").trim().replace(LONG_VOWEL, "")
  }

  /* fold() but for the long-vowel marks, which the word segmenter needs (デー|タ for デタ). */
  function unfolded(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").replace(SPACE_NEAR_CJK, "").trim()
  }

  function katakana(text) {
    return text.replace(/[\u3041-\u3096]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0x60) })
  }

  /*
   * fold() with, for each folded code unit, the [start, end) of its source in `text`.
   * With `limit`, only about the first `limit` folded code units (a prefix of fold(text)).
   */
  function foldMapped(text, limit) {
    var chars = [], space = -1   /* folded code points: [char, source start, source end] */
    for (var i = 0; i < text.length && !(chars.length > limit);) {
      var j = i + (text.codePointAt(i) > 0xffff ? 2 : 1)
      while (j < text.length && MARKS.test(text[j])) j++
      var unit = text.slice(i, j)
      if (/^\s+$/.test(unit)) {
        if (space < 0) space = i
      } else {
        if (space >= 0 && chars.length) chars.push([" ", space, space + 1])
        space = -1
        for (var ch of STABLE.test(unit) ? unit : foldUnit(unit)) {
          var last = chars.length ? chars[chars.length - 1][0] : ""
          if (ch === "\u30fc" && KANA.test(last)) {   /* fold()'s LONG_VOWEL: part of the kana before */
            chars[chars.length - 1][2] = j
            continue
          }
          chars.push([ch, i, j])
        }
      }
      i = j
    }
    if (i < text.length && chars.length && chars[chars.length - 1][0] === " ") chars.pop()
    /* drop the spaces fold() drops: those next to Japanese characters */
    var out = [], from = [], to = []
    for (var n = 0; n < chars.length; n++) {
      var c = chars[n]
      if (c[0] === " " && (CJK_CHAR.test(chars[n - 1][0]) || CJK_CHAR.test(chars[n + 1][0]))) continue
      out.push(c[0])
      for (var u = 0; u < c[0].length; u++) { from.push(c[1]); to.push(c[2]) }
    }
    return { text: out.join(""), from: from, to: to }
  }

  function foldUnit(unit) {
    return unit.normalize("NFKC").toLowerCase().replace(DASHES, "-").replace(WAVE_DASH, "~").trim()
  }

  /* Visible text of an index field (which holds HTML): tags dropped, entities decoded; a line for each block
     (paragraph, list item, table cell), so that a teaser is one sentence, not cells run together. */
  function plainText(html) {
    return (html || "")
      .replace(/<[^>]*>/g, function (tag) { return BLOCK_TAG.test(tag) ? "\n" : "" })
      .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, function (all, name) {
        if (name[0] === "#") {
          var code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
          return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all
        }
        return ENTITIES[name.toLowerCase()] || all
      })
      .replace(/[^\S\n]+/g, " ").replace(/ ?\n\s*/g, "\n").trim()
  }

  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
  }

  /* Words of a term (not yet folded), folded, for the fallback match. Single hiragana (particles) are dropped. */
  function words(term) {
    var list = segments(term).map(fold).filter(function (w) { return w && !/^\p{sc=Hiragana}$/u.test(w) })
    return list.length > 1 ? list : []
  }

  /**
   * Other spellings of query terms, from the build-time terms (self.DxSearchTerms; all optional).
   * alternatives(raw) → folded spellings, the term's own first; reading(kana) → { phrases, words }.
   */
  function Spellings(terms) {
    terms = terms || {}
    this.variants = (terms.variants || []).map(function (v) { return [new RegExp(v[0], v[1]), v[2]] })
    this.okurigana = (terms.okurigana || []).map(function (group) {
      return group.map(fold).sort(function (a, b) { return b.length - a.length })
    })
    var aliases = this.aliases = new Map()
    ;(terms.aliases || []).forEach(function (names) {
      var folded = names.map(fold)
      folded.forEach(function (name) { aliases.set(name, (aliases.get(name) || []).concat(folded)) })
    })
    this.readings = terms.readings || {}
    var synonyms = this.synonymsOf = new Map()
    ;(terms.synonyms || []).forEach(function (group) {
      var folded = group.map(fold)
      folded.forEach(function (word) {
        ;[word, stem(word)].forEach(function (key) {
          if (key) synonyms.set(key, (synonyms.get(key) || []).concat(folded))
        })
      })
    })
  }

  /* The stem of an inflected word written with kanji and okurigana (育てる → 育, 選び方 → 選), or "". */
  function stem(word) {
    var found = OKURIGANA.exec(word)
    return found ? found[1] : ""
  }

  /* Whether the terms know a word (folded) as a synonym. */
  Spellings.prototype.knows = function (word) {
    return this.synonymsOf.has(word)
  }

  /* Synonyms of a word (folded): of the word, else of its stem. */
  Spellings.prototype.synonyms = function (word) {
    return this.synonymsOf.get(word) || this.synonymsOf.get(stem(word)) || []
  }

  Spellings.prototype.alternatives = function (raw) {
    var list = [], self = this
    function add(text) {
      var folded = fold(text)
      if (folded && list.indexOf(folded) < 0 && list.length < MAX_ALTERNATIVES) list.push(folded)
    }
    var written = HIRAGANA.test(raw) && ALL_KANA.test(fold(raw)) ? [raw, katakana(raw)] : [raw]   /* でーた is データ */
    written.forEach(add)
    written.forEach(function (text) {   /* prh.yml's house spelling */
      add(self.variants.reduce(function (t, v) { return t.replace(v[0], v[1]) }, text))
    })
    list.slice().forEach(function (text) {
      self.okurigana.forEach(function (group) {
        var found = group.filter(function (form) { return text.indexOf(form) >= 0 })[0]
        if (found) group.forEach(function (form) { add(text.split(found).join(form)) })
      })
    })
    list.slice().forEach(function (text) { (self.aliases.get(text) || []).forEach(add) })
    return list
  }

  /* A kana term split into known readings, fewest pieces first: the written forms of the whole
     (phrases) and, for the fallback, the written forms of each piece of the best split (words). */
  Spellings.prototype.reading = function (text) {
    var key = fold(katakana(text)), readings = this.readings, splits = []
    if (!ALL_KANA.test(key)) return { phrases: [], words: [] }
    function split(at, pieces) {
      if (splits.length >= 8 || pieces.length > 6) return
      if (at === key.length) { splits.push(pieces); return }
      for (var end = Math.min(key.length, at + MAX_READING); end > at; end--) {
        var piece = key.slice(at, end)
        if (Object.prototype.hasOwnProperty.call(readings, piece)) split(end, pieces.concat([readings[piece].map(fold)]))
      }
    }
    split(0, [])
    splits.sort(function (a, b) { return a.length - b.length })
    var phrases = []
    splits.forEach(function (pieces) {
      pieces.reduce(function (heads, forms) {
        var out = []
        heads.forEach(function (head) { forms.forEach(function (form) { if (out.length < MAX_ALTERNATIVES) out.push(head + form) }) })
        return out
      }, [""]).forEach(function (phrase) {
        if (phrases.length < MAX_ALTERNATIVES && phrases.indexOf(phrase) < 0) phrases.push(phrase)
      })
    })
    return { phrases: phrases, words: splits.length && splits[0].length > 1 ? splits[0] : [] }
  }

  /*
   * Terms of a query: whitespace separated; Lunr modifiers (+ - * ~ ^ ") ignored. A term that `occurs`
   * nowhere (by any spelling; a function of a folded needle, given by the index) and is not kana typed
   * without conversion is read as a question: each of its content words is a term (questionWords).
   * Each term has its folded text, what it was typed as (label), its needles (alternative spellings,
   * synonyms, stem) with their weights, and, for the fallback, its words, each a list of spellings.
   */
  function parseQuery(query, spellings, occurs) {
    spellings = spellings || new Spellings()
    var seen = {}, terms = []
    function add(raw, whole, pieces) {
      var text = fold(raw)
      if (!text || seen[text]) return
      seen[text] = true
      var needles = [], weights = []
      function push(needle, weight) {
        if (needle && needles.indexOf(needle) < 0 && needles.length < MAX_ALTERNATIVES) {
          needles.push(needle)
          weights.push(weight)
        }
      }
      spellings.alternatives(raw).forEach(function (n) { push(n, 1) })
      var read = spellings.reading(text)
      read.phrases.forEach(function (p) { push(p, 1) })
      needles.slice().forEach(function (n) { spellings.synonyms(n).forEach(function (w) { push(w, SYNONYM_WEIGHT) }) })
      if (!whole) spellings.alternatives(stem(text)).forEach(function (n) { push(n, STEM_WEIGHT) })
      var split = read.words.length ? read.words : whole ? words(unfolded(raw)).map(function (w) { return [w] })
        : pieces.length > 1 ? pieces.map(function (p) { return spellings.alternatives(p) }) : []
      terms.push({ text: text, label: raw, needles: needles, weights: weights, words: split })
    }
    query.normalize("NFKC").split(/\s+/).forEach(function (raw) {
      raw = raw.replace(/^[+\-]+|[*~^"]+/g, "")
      var typedInKana = HIRAGANA_ONLY.test(fold(raw))   /* でーたいこう: a reading, not a question */
      if (!occurs || typedInKana || spellings.alternatives(raw).some(occurs)) add(raw, true)
      else questionWords(raw, spellings, occurs).forEach(function (pieces) { add(pieces.join(""), false, pieces) })
    })
    return terms
  }

  /* The content words of a question (not folded), in order, each as the list of its pieces. Pieces of the
     word segmenter are joined again, longest first, when the index has the joined text or the terms know it
     (CIO|補佐|官, 担当|部署); then particles and other hiragana words, and question and request words, are
     dropped. (A joined word is also found by its pieces, all of them: 職員研修 in 全職員向けの研修.) */
  function questionWords(raw, spellings, occurs) {
    var pieces = segments(raw), list = []
    for (var i = 0; i < pieces.length;) {
      var end = i + 1
      for (var j = Math.min(pieces.length, i + MAX_JOINED); j > i + 1; j--) {
        var span = pieces.slice(i, j)
        if (span.some(function (p) { return HIRAGANA_ONLY.test(p) })) continue
        var joined = span.join("")
        if (spellings.knows(fold(joined)) || spellings.alternatives(joined).some(occurs)) { end = j; break }
      }
      list.push(pieces.slice(i, end))
      i = end
    }
    return list.filter(function (word) {
      var text = fold(word.join(""))
      if (QUESTION_WORDS.has(text) || QUESTION_WORDS.has(stem(text))) return false
      return !HIRAGANA_ONLY.test(text) || spellings.knows(text)
    })
  }

  /* The word-like pieces of a text (Intl.Segmenter; by script where it is missing). A long-vowel mark the
     segmenter leaves alone stays with the piece before it (ベンダ|ー → ベンダー). */
  function segments(text) {
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var list = [], segmenter = new Intl.Segmenter("ja", { granularity: "word" })
      for (var s of segmenter.segment(text)) {
        if (/^\u30fc+$/.test(s.segment) && list.length) list[list.length - 1] += s.segment
        else if (s.isWordLike) list.push(s.segment)
      }
      return list
    }
    return text.match(/[\p{sc=Latin}\p{N}]+|[\p{sc=Han}々〆ヶ]+|[\p{sc=Katakana}ー]+|\p{sc=Hiragana}+/gu) || []
  }

  function isWordChar(ch) {
    return ch !== undefined && LATIN_WORD_CHAR.test(ch)
  }

  /* Start offsets of `needle` in `hay` (at most MAX_COUNT). Latin needles must start a word. */
  function occurrences(hay, needle) {
    var found = [], latin = isWordChar(needle[0])
    for (var at = hay.indexOf(needle); at >= 0 && found.length < MAX_COUNT; at = hay.indexOf(needle, at + 1))
      if (!latin || !isWordChar(hay[at - 1])) found.push(at)
    return found
  }

  /* The title without its numbering and notes (worked out for the titles a needle is in). */
  function core(entry) {
    if (entry.core === undefined) entry.core = entry.title.replace(NUMBERING, "").replace(NOTE, "") || entry.title
    return entry.core
  }

  /* How well one needle fits a folded section: title hits weigh most, more so the closer the title. */
  function fieldScore(entry, needle) {
    var inTitle = occurrences(entry.title, needle).length
    var inText = occurrences(entry.text, needle).length
    var score = 0
    if (inTitle) score += TITLE_WEIGHT * (1 + Math.min(1, needle.length / core(entry).length))
    if (inText) score += 1 + Math.log(inText)
    return { score: score, title: inTitle > 0 }
  }

  /* The best of several spellings: { score, title, needles } (needles: every spelling that matched).
     `mask`: bit k set if the entry contains needles[k] at all (Index.containing); `weights`: of each
     spelling (1 if not given). */
  function bestScore(entry, needles, mask, weights) {
    var best = { score: 0, title: false, needles: [] }
    needles.forEach(function (needle, k) {
      if (!(mask & (1 << k))) return
      var s = fieldScore(entry, needle)
      if (!s.score) return
      best.needles.push(needle)
      var score = s.score * (weights ? weights[k] : 1)
      if (score > best.score) best.score = score
      best.title = best.title || s.title
    })
    return best
  }

  /* Score of one term in entry e: { score, title, needles }, or null. `title`: the heading has it.
     `found`: which entries contain which spellings (Index.candidates). */
  function termScore(entry, e, term, found) {
    var whole = bestScore(entry, term.needles, found.whole[e], term.weights)
    if (whole.score > 0) return whole
    if (!term.words.length) return null
    var sum = 0, needles = []
    for (var w = 0; w < term.words.length; w++) {
      var part = bestScore(entry, term.words[w], found.words[w][e])
      if (!part.score) return null
      sum += part.score
      needles = needles.concat(part.needles)
    }
    return { score: WORDS_WEIGHT * sum / term.words.length, title: false, needles: needles }
  }

  /* [start, end) ranges of every needle in folded text, merged. */
  function ranges(folded, needles) {
    var list = []
    needles.forEach(function (needle) {
      occurrences(folded, needle).forEach(function (at) { list.push([at, at + needle.length]) })
    })
    list.sort(function (a, b) { return a[0] - b[0] })
    var merged = []
    list.forEach(function (r) {
      var last = merged[merged.length - 1]
      if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1])
      else merged.push([r[0], r[1]])
    })
    return merged
  }

  /* Source ranges of the needles in `text` (within the first `limit` folded units, if given). */
  function sourceRanges(text, folded, needles, limit) {
    var found = needles.length ? ranges(folded, needles) : []
    if (!found.length) return []
    var mapped = foldMapped(text, limit)
    if (folded.slice(0, mapped.text.length) !== mapped.text) return []  /* cannot map back: no marks */
    return found.filter(function (r) { return r[1] <= mapped.text.length })
      .map(function (r) { return [mapped.from[r[0]], mapped.to[r[1] - 1]] })
  }

  /* text[start, end) escaped, with <mark> around the given source ranges. */
  function highlight(text, marks, start, end) {
    var out = "", cursor = start
    marks.forEach(function (r) {
      if (r[0] < cursor || r[1] > end) return
      out += escapeHTML(text.slice(cursor, r[0])) + "<mark>" + escapeHTML(text.slice(r[0], r[1])) + "</mark>"
      cursor = r[1]
    })
    return out + escapeHTML(text.slice(cursor, end))
  }

  /* The sentence (or list item, or table cell) that shows why a section matched, highlighted: the one with
     the most terms (`groups`: the needles that matched, by term), then the longest; the beginning of the
     text if none has one. Cut to TEASER_LENGTH around its first match. { html, marks } (the source ranges
     highlighted, in `text`). */
  function teaser(text, groups) {
    if (!text) return { html: "", marks: [] }
    var best = { start: 0, end: text.length, score: 0 }, needles = [].concat.apply([], groups), found
    for (var sentences = /[^\n。？！]+[。？！]*/g; (found = sentences.exec(text));) {
      var folded = fold(found[0])
      var count = groups.filter(function (list) { return list.some(function (n) { return folded.indexOf(n) >= 0 }) }).length
      var score = count && count * 1000 + Math.min(found[0].length, TEASER_LENGTH)
      if (score > best.score) best = { start: found.index, end: found.index + found[0].length, score: score }
      if (count === groups.length && found[0].length >= TEASER_LENGTH) break
    }
    var sentence = text.slice(best.start, best.end), marks = []
    if (best.score) {
      /* Only the part up to the window shown is mapped back (a long sentence, e.g. a whole table, costs no more):
         the window starts just before the first match and is TEASER_LENGTH long. */
      var folded = fold(sentence)
      var first = Math.min.apply(null, needles.map(function (n) { var at = folded.indexOf(n); return at < 0 ? Infinity : at }))
      marks = sourceRanges(sentence, folded, needles, first + 2 * TEASER_LENGTH)
    }
    var start = marks.length && sentence.length > TEASER_LENGTH ? Math.max(0, marks[0][0] - 40) : 0
    var end = Math.min(sentence.length, start + TEASER_LENGTH)
    var shown = marks.filter(function (r) { return r[0] >= start && r[1] <= end })
    return { html: "<p>" + (start > 0 || best.start > 0 ? "…" : "") + highlight(sentence, shown, start, end) +
                   (end < sentence.length || best.end < text.length ? "…" : "") + "</p>",
             marks: shown.map(function (r) { return [r[0] + best.start, r[1] + best.start] }) }
  }

  /**
   * The search index: build once from Material's index ({ config, docs }) and the build-time terms
   * (optional), then search(). Like Material, the first document of a page is its article; later
   * ones are its sections. The glossary's entries become sections of the glossary page.
   */
  function Index(data, terms) {
    var articles = {}, entries = this.entries = []
    this.spellings = new Spellings(terms)
    var glossary = terms && terms.glossary
    var glossaryPaths = glossary ? pagePaths(glossary.page) : []
    function add(doc) {
      var path = doc.location.split("#")[0]
      var entry = { doc: doc, glossary: glossaryPaths.indexOf(path) >= 0 }
      if (articles[path]) entry.parent = articles[path]
      else articles[path] = entry
      entries.push(entry)
      return path
    }
    data.docs.forEach(function (doc) {
      var path = add(doc)
      if (articles[path].doc === doc && articles[path].glossary)
        glossary.entries.forEach(function (e) { add({ location: path + "#" + e.id, title: e.title, text: e.text }) })
    })
    /* Every title and text made plain, then folded, in one call each over all of them (as fast again as a
       call per field at 2,000 cases); SEP is in no field, and trimming each part gives what a call per field
       gives. The folded fields, each followed by SEP, are also the corpus: one scan finds the sections that
       contain a needle. */
    function parts(text) { return text.split(SEP).map(function (part) { return part.trim() }) }
    var plain = parts(plainText(entries.map(function (e) { return (e.doc.title || "") + SEP + (e.doc.text || "") })
      .join(SEP)))
    var folded = parts(fold(plain.join(SEP)))
    var starts = this.starts = [], at = 0
    entries.forEach(function (entry, e) {
      entry.plainTitle = plain[2 * e]
      entry.plainText = plain[2 * e + 1]
      entry.title = folded[2 * e]
      entry.text = folded[2 * e + 1]
      starts.push(at)
      at += entry.title.length + entry.text.length + 2
    })
    this.corpus = folded.join(SEP) + SEP
  }

  /* For each entry, a bit mask of the needles (at most 32) its title or text contains. */
  Index.prototype.containing = function (needles) {
    var masks = new Uint32Array(this.entries.length), corpus = this.corpus, starts = this.starts, n = starts.length
    needles.forEach(function (needle, k) {
      for (var at = corpus.indexOf(needle), e = 0; at >= 0;) {
        while (e + 1 < n && starts[e + 1] <= at) e++
        masks[e] |= 1 << k
        if (e + 1 >= n) break
        at = corpus.indexOf(needle, starts[e + 1])
      }
    })
    return masks
  }

  /* Which entries contain which spellings of a term: { whole, words, any } (any: the entry can match,
     by a spelling of the whole or by one of each of its words). */
  Index.prototype.candidates = function (term) {
    var self = this, whole = this.containing(term.needles)
    var words = term.words.map(function (spellings) { return self.containing(spellings) })
    var any = whole.map(function (m, e) { return m || words.length && words.every(function (w) { return w[e] }) ? 1 : 0 })
    return { whole: whole, words: words, any: any }
  }

  /* Where a page (path under docs/, "about/glossary.md") is in the index, with and without directory URLs. */
  function pagePaths(page) {
    var stem = page.replace(/\.md$/, ""), dir = stem.replace(/(^|\/)index$/, "$1")
    return [dir === stem ? stem + "/" : dir, stem + ".html"]
  }

  /* How a page ranks before its score: 2 if a section's heading has every term (not the glossary),
     1 if a glossary entry's heading has them, 0 if it only mentions them. */
  function tier(hit) {
    if (!hit.scores.every(function (s) { return s && s.title })) return 0
    return hit.entry.glossary ? 1 : 2
  }

  /* Search: { items: SearchItem[][] } as Material's worker answers a QUERY message. */
  Index.prototype.search = function (query) {
    var corpus = this.corpus
    var terms = parseQuery(query, this.spellings, function (needle) { return corpus.indexOf(needle) >= 0 })
    if (!terms.length) return { items: [] }
    var entries = this.entries, n = entries.length, self = this
    var found = terms.map(function (term) { return self.candidates(term) })
    var hits = [], frequency = terms.map(function () { return 0 })
    for (var e = 0; e < n; e++) {
      if (!found.some(function (f) { return f.any[e] })) continue
      var scores = terms.map(function (term, t) { return termScore(entries[e], e, term, found[t]) })
      if (!scores.some(Boolean)) continue
      scores.forEach(function (s, t) { if (s) frequency[t]++ })
      hits.push({ entry: entries[e], scores: scores })
    }
    var idf = frequency.map(function (f) { return Math.log(1 + n / Math.max(1, f)) })
    hits.forEach(function (hit) {
      var matched = 0, sum = 0
      hit.scores.forEach(function (s, t) { if (s) { matched++; sum += s.score * idf[t] } })
      hit.score = sum * Math.pow(matched / terms.length, 2)
      hit.tier = tier(hit)
    })
    hits.sort(function (a, b) { return b.score - a.score })

    /* group by page; a page ranks by its tier, then its best section plus a little for each other one */
    var groups = new Map()
    hits.forEach(function (hit) {
      var article = hit.entry.parent || hit.entry
      if (!groups.has(article)) groups.set(article, { article: article, hits: [], score: hit.score, tier: 0 })
      else groups.get(article).score += SECTIONS_WEIGHT * hit.score
      var group = groups.get(article)
      group.tier = Math.max(group.tier, hit.tier)
      group.hits.push(hit)
    })
    var ranked = Array.from(groups.values()).sort(function (a, b) { return b.tier - a.tier || b.score - a.score })
    return {
      items: ranked.map(function (group) {
        var list = group.hits
        if (!list.some(function (hit) { return hit.entry === group.article }))
          list.push({ entry: group.article, score: 0, scores: [] })
        return list.map(function (hit) { return item(hit, terms) })
      })
    }
  }

  /* One result as Material renders it. `terms`: what matched (true, as written in the section, so
     that Material's ?h= highlighting finds it on the page) or is missing (false, struck through).
     The highlighted title, the sentence and the terms are worked out when first read: Material renders ten
     pages of results, then four more as the reader scrolls, so a query that matches thousands of sections
     costs only the results shown. */
  function item(hit, terms) {
    var entry = hit.entry, doc = entry.doc, needles = [], groups = []
    hit.scores.forEach(function (s) {
      if (!s) return
      needles = needles.concat(s.needles)
      groups.push(s.needles)
    })
    var result = { location: doc.location, score: hit.score }
    if (doc.tags) result.tags = doc.tags.slice()
    var title = null, shown = null
    function titled() {
      if (title) return title
      var marks = sourceRanges(entry.plainTitle, entry.title, needles)
      return title = { html: highlight(entry.plainTitle, marks, 0, entry.plainTitle.length), marks: marks }
    }
    function excerpt() {
      if (shown) return shown
      var text = entry.plainText, teased = teaser(text, groups), found = {}
      hit.scores.forEach(function (s, t) { if (!s) found[terms[t].label] = false })
      var marked = titled().marks.map(function (r) { return entry.plainTitle.slice(r[0], r[1]) })
        .concat(teased.marks.map(function (r) { return text.slice(r[0], r[1]) }))
      ;(marked.length ? marked : needles).forEach(function (word) { found[word] = true })
      return shown = { text: teased.html, terms: found }
    }
    Object.defineProperties(result, {
      title: { enumerable: true, get: function () { return titled().html } },
      text: { enumerable: true, get: function () { return excerpt().text } },
      terms: { enumerable: true, get: function () { return excerpt().terms } }
    })
    return result
  }

  var api = { Index: Index, Spellings: Spellings, fold: fold, foldMapped: foldMapped, parseQuery: parseQuery,
              plainText: plainText }
  if (typeof module === "object" && module.exports) module.exports = api
  else root.DxSearch = api
})(typeof self !== "undefined" ? self : this)
