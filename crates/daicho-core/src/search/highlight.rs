//! The matching part of a result, marked in the text as the user wrote it: the query and the
//! text are compared in the normal form, and every normalised letter remembers which written
//! letters it came from (ｶﾞ is one letter, が, in the normal form).

use serde::Serialize;
use unicode_normalization::char::is_combining_mark;

use super::terms::{pieces, Piece};
use crate::text::normalize;

/// A stretch of result text; `hit` when it matches the query. The UI shows it as plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// What to look for in result text: the query's pieces and, for a phone-like query, its digits.
#[derive(Debug, Clone, Default)]
pub struct Needles {
    pieces: Vec<Vec<char>>,
    digits: Option<Vec<char>>,
}

impl Needles {
    pub fn new(query: &str, phone_digits: Option<&str>) -> Needles {
        let pieces = pieces(&normalize(query))
            .into_iter()
            .map(|p| match p {
                Piece::Cjk(run) => run,
                Piece::Word(w) => w.chars().collect(),
            })
            .collect();
        Needles {
            pieces,
            digits: phone_digits.map(|d| d.chars().collect()),
        }
    }

    /// `text` in segments, the matching ones marked.
    pub fn mark(&self, text: &str) -> Vec<Segment> {
        let clusters = clusters(text);
        let hits = self.hits(&clusters);
        segments(&clusters, &hits, 0, clusters.len())
    }

    /// Whether anything in `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        self.hits(&clusters(text)).contains(&true)
    }

    /// Up to `width` letters of `text` around its first match, with … where it was cut.
    pub fn snippet(&self, text: &str, width: usize) -> Vec<Segment> {
        let clusters = clusters(text);
        let hits = self.hits(&clusters);
        let first = hits.iter().position(|h| *h).unwrap_or(0);
        let start = first.saturating_sub(width / 4);
        let end = (start + width).min(clusters.len());
        let start = end.saturating_sub(width).min(start);
        let mut out = segments(&clusters, &hits, start, end);
        if start > 0 {
            out.insert(0, plain("…"));
        }
        if end < clusters.len() {
            out.push(plain("…"));
        }
        out
    }

    /// For each written cluster, whether a needle covers it.
    fn hits(&self, clusters: &[&str]) -> Vec<bool> {
        let mut hit = vec![false; clusters.len()];
        // The normal form with spaces dropped (a query 佐藤太郎 matches 佐藤 太郎), each letter
        // pointing at its cluster; and the digits alone, for phone numbers.
        let mut letters: Vec<(char, usize)> = Vec::new();
        let mut digits: Vec<(char, usize)> = Vec::new();
        for (i, cluster) in clusters.iter().enumerate() {
            for c in normalize(cluster).chars() {
                if !c.is_whitespace() {
                    letters.push((c, i));
                }
                if c.is_ascii_digit() {
                    digits.push((c, i));
                }
            }
        }
        for needle in &self.pieces {
            mark_all(&letters, needle, &mut hit);
        }
        if let Some(d) = &self.digits {
            mark_all(&digits, d, &mut hit);
        }
        // Spaces and punctuation inside a match belong to it: [佐藤 太郎], 03-[1234-56]78.
        for i in 1..clusters.len().saturating_sub(1) {
            let inside = hit[i - 1] && hit[i + 1];
            if inside && !clusters[i].chars().any(char::is_alphanumeric) {
                hit[i] = true;
            }
        }
        hit
    }
}

fn mark_all(haystack: &[(char, usize)], needle: &[char], hit: &mut [bool]) {
    if needle.is_empty() || needle.len() > haystack.len() {
        return;
    }
    for window in haystack.windows(needle.len()) {
        if window.iter().map(|(c, _)| c).eq(needle.iter()) {
            for (_, i) in window {
                if let Some(h) = hit.get_mut(*i) {
                    *h = true;
                }
            }
        }
    }
}

/// Written letters with the marks that combine with them (and half-width voiced marks).
fn clusters(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let joins = i > 0 && (is_combining_mark(c) || matches!(c, '\u{FF9E}' | '\u{FF9F}'));
        if i > 0 && !joins {
            out.push(&text[start..i]);
            start = i;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn segments(clusters: &[&str], hits: &[bool], start: usize, end: usize) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for i in start..end {
        let (Some(text), Some(hit)) = (clusters.get(i), hits.get(i)) else {
            break;
        };
        match out.last_mut() {
            Some(last) if last.hit == *hit => last.text.push_str(text),
            _ => out.push(Segment {
                text: (*text).to_owned(),
                hit: *hit,
            }),
        }
    }
    out
}

fn plain(text: &str) -> Segment {
    Segment {
        text: text.to_owned(),
        hit: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| {
                if s.hit {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_the_written_text_that_matches_in_the_normal_form() {
        let n = Needles::new("かぶ", None);
        assert_eq!(marked(&n.mark("ｶﾌﾞｼｷｶﾞｲｼｬ")), "[ｶﾌﾞ]ｼｷｶﾞｲｼｬ");
        let n = Needles::new("佐藤太郎", None);
        assert_eq!(marked(&n.mark("佐藤 太郎様")), "[佐藤 太郎]様");
        let n = Needles::new("acme", None);
        assert_eq!(
            marked(&n.mark("ＡＣＭＥ and Acme")),
            "[ＡＣＭＥ] and [Acme]"
        );
    }

    #[test]
    fn phone_digits_match_across_punctuation() {
        let n = Needles::new("1234-56", Some("123456"));
        assert_eq!(marked(&n.mark("03-1234-5678")), "03-[1234-56]78");
        assert!(!n.matches("03-9999-0000"));
    }

    #[test]
    fn snippets_cut_around_the_first_match() {
        let n = Needles::new("納期", None);
        let text = format!("{}納期の件{}", "あ".repeat(50), "い".repeat(50));
        let s = marked(&n.snippet(&text, 20));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("[納期]の件"), "{s}");
        assert_eq!(marked(&n.snippet("短い", 20)), "短い");
    }
}
