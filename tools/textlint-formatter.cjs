// textlint formatter for editors: one problem a line, "docs/file.md:LINE:COL: 日本語の説明 [rule]".
// Rules whose messages are English get a Japanese message; the line format is read by the CI problem matcher.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const JAPANESE = [
  [/^Line \d+ sentence length\((\d+)(?:, original:\d+)?\) exceeds the maximum sentence length of (\d+)\.\s*Over (\d+) characters\./,
    "1文が長すぎます（$1字、上限$2字）。文を分けてください。"],
  [/^This sentence exceeds the maximum count of comma\. Maximum is (\d+)\./,
    "1文のカンマ（,）が多すぎます（上限$1個）。文を分けてください。"],
  [/^Cannot find a pairing character for (\S+)\.?/, "対になる括弧・かぎ括弧が見つかりません: $1"],
  [/^Disallow to use "(.+)"\./, "「$1」は使いません。"],
  [/^Found invalid control character\s*(.*)/, "制御文字が入っています。$1"],
];

function japanese(message) {
  const text = message.split("\n").map((l) => l.trim()).filter(Boolean).join(" ");
  for (const [pattern, replacement] of JAPANESE) {
    if (pattern.test(text)) return text.replace(pattern, replacement);
  }
  return text;
}

// Line and column from the problem's character range (some rules report a wrong column in textlint 15).
function position(text, m) {
  if (!text || !m.range) return [m.line, m.column];
  const before = text.slice(0, m.range[0]);
  const lineStart = before.lastIndexOf("\n") + 1;
  return [before.split("\n").length, m.range[0] - lineStart + 1];
}

function readText(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

module.exports = function format(results) {
  const lines = [];
  let files = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    files += 1;
    const file = path.relative(process.cwd(), result.filePath).split(path.sep).join("/");
    const text = readText(result.filePath);
    for (const m of result.messages) {
      const [line, column] = position(text, m);
      lines.push(`${file}:${line}:${column}: ${japanese(m.message)} [${m.ruleId}]`);
    }
  }
  lines.push(lines.length
    ? `文章の検査で ${lines.length} 件の指摘がありました（${files} ファイル）。直し方は CONTRIBUTING.md「文章の検査」を参照してください。`
    : "文章の検査で指摘はありませんでした。");
  return lines.join("\n") + "\n";
};
