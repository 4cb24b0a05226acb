//! Text lists as offices save them: in one legacy encoding (Shift_JIS, GB18030, EUC-KR…) with
//! rows pasted in from a UTF-8 tool, or the other way round, or with a broken byte here and
//! there. Each line is read in what it is: as UTF-8 when it is UTF-8 (a line with a broken
//! sequence among valid ones too: its row is then reported, not read as something else), else
//! in the file's legacy encoding, chosen by the lines that are not UTF-8. No line is read in an
//! encoding that turns it into mojibake because another line made the file look like it.

use std::io::{BufRead, Read};

use encoding_rs::{Decoder, Encoding};

/// Encodings the four markets' tools save lists in, preferred in this order when their lines
/// read alike, and the Western one for lists from elsewhere.
const CANDIDATES: [&Encoding; 6] = [
    encoding_rs::SHIFT_JIS,
    encoding_rs::GB18030,
    encoding_rs::EUC_KR,
    encoding_rs::BIG5,
    encoding_rs::EUC_JP,
    encoding_rs::WINDOWS_1252,
];

/// Whether a line (or the first piece of a long one) is UTF-8: valid, or mostly valid with a
/// broken sequence or two. `complete`: the bytes end the line (else a character cut at the end
/// is no fault).
pub(super) fn is_utf8(line: &[u8], complete: bool) -> bool {
    let mut multibyte = 0usize;
    let mut broken = 0usize;
    let mut chunks = line.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        let cut_at_end = !complete && chunks.peek().is_none();
        if !chunk.invalid().is_empty() && !cut_at_end {
            broken += 1;
        }
    }
    broken == 0 || (multibyte > 0 && multibyte >= 2 * broken)
}

/// How the lines of a file's sample read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Reading {
    /// The encoding of the lines that are not UTF-8.
    pub legacy: &'static Encoding,
    /// Lines with non-ASCII text in UTF-8, and in the legacy encoding.
    pub utf8_lines: usize,
    pub legacy_lines: usize,
}

impl Reading {
    /// The encoding as the import reports it: "Shift_JIS", "UTF-8", "UTF-8 + Shift_JIS".
    pub fn name(&self) -> String {
        match (self.utf8_lines, self.legacy_lines) {
            (_, 0) => "UTF-8".to_owned(),
            (0, _) => self.legacy.name().to_owned(),
            _ => format!("UTF-8 + {}", self.legacy.name()),
        }
    }
}

/// Reads `sample` (the file's first bytes; `whole` when that is all of it) line by line.
pub(super) fn detect(sample: &[u8]) -> Reading {
    let whole_lines = match sample.iter().rposition(|b| *b == b'\n') {
        Some(end) => &sample[..=end],
        None => sample,
    };
    let mut utf8_lines = 0;
    let mut legacy: Vec<&[u8]> = Vec::new();
    for line in whole_lines.split(|b| *b == b'\n') {
        if line.is_ascii() {
            continue;
        }
        if is_utf8(line, true) {
            utf8_lines += 1;
        } else {
            legacy.push(line);
        }
    }
    Reading {
        legacy: legacy_encoding(&legacy),
        utf8_lines,
        legacy_lines: legacy.len(),
    }
}

/// The candidate that reads (nearly) as many of `lines` without an invalid byte as the best
/// one does, and whose text looks most like its language to chardetng: the lines every such
/// candidate reads are the ones it judges by, so one bad pair cannot rule the right one out.
fn legacy_encoding(lines: &[&[u8]]) -> &'static Encoding {
    let clean = |e: &'static Encoding, line: &[u8]| {
        e.decode_without_bom_handling_and_without_replacement(line)
            .is_some()
    };
    let scores: Vec<usize> = CANDIDATES
        .iter()
        .map(|e| lines.iter().filter(|l| clean(e, l)).count())
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    let near = best.saturating_sub((best / 20).max(1));
    let tops: Vec<&'static Encoding> = CANDIDATES
        .iter()
        .zip(&scores)
        .filter(|(_, s)| **s >= near && **s > 0)
        .map(|(e, _)| *e)
        .collect();
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    for line in lines.iter().filter(|l| tops.iter().all(|e| clean(e, l))) {
        detector.feed(line, false);
        detector.feed(b"\n", false);
    }
    detector.feed(b"", true);
    let guess = match detector.guess(None, chardetng::Utf8Detection::Deny) {
        // GB18030 reads all of GBK.
        gbk if gbk == encoding_rs::GBK => encoding_rs::GB18030,
        other => other,
    };
    if tops.contains(&guess) {
        guess
    } else {
        tops.first().copied().unwrap_or(encoding_rs::SHIFT_JIS)
    }
}

/// Bytes read at most before a piece of a long line is decoded: memory stays bounded whatever
/// the file.
const PIECE: u64 = 64 * 1024;

/// The file's text as UTF-8, each line decoded as [`is_utf8`] says (a leading BOM dropped).
pub(super) struct MixedLines<R> {
    inner: R,
    legacy: &'static Encoding,
    /// The decoder of the line being read, kept while a long line comes in pieces.
    decoder: Option<Decoder>,
    raw: Vec<u8>,
    out: String,
    at: usize,
    started: bool,
}

impl<R: BufRead> MixedLines<R> {
    pub fn new(inner: R, legacy: &'static Encoding) -> MixedLines<R> {
        MixedLines {
            inner,
            legacy,
            decoder: None,
            raw: Vec::new(),
            out: String::new(),
            at: 0,
            started: false,
        }
    }

    /// Decodes the next piece of the file into `out` (empty at the end).
    fn refill(&mut self) -> std::io::Result<()> {
        self.out.clear();
        self.at = 0;
        self.raw.clear();
        let n = (&mut self.inner)
            .take(PIECE)
            .read_until(b'\n', &mut self.raw)?;
        let mut piece = &self.raw[..];
        if !self.started {
            self.started = true;
            piece = piece.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(piece);
        }
        let last = n == 0;
        let ends_line = last || piece.last() == Some(&b'\n');
        let legacy = self.legacy;
        let decoder = self.decoder.get_or_insert_with(|| {
            let encoding = if is_utf8(piece, ends_line) {
                encoding_rs::UTF_8
            } else {
                legacy
            };
            encoding.new_decoder_without_bom_handling()
        });
        let room = decoder
            .max_utf8_buffer_length(piece.len())
            .ok_or_else(|| std::io::Error::other("line too long to decode"))?;
        self.out.reserve(room);
        let _ = decoder.decode_to_string(piece, &mut self.out, ends_line);
        if ends_line {
            self.decoder = None;
        }
        Ok(())
    }
}

impl<R: BufRead> Read for MixedLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.out.len() {
            let had_decoder = self.decoder.is_some();
            self.refill()?;
            if self.out.is_empty() && self.raw.is_empty() && !had_decoder {
                return Ok(0);
            }
        }
        let bytes = &self.out.as_bytes()[self.at..];
        let n = bytes.len().min(buf.len());
        buf[..n].copy_from_slice(&bytes[..n]);
        self.at += n;
        Ok(n)
    }
}

/// Longest line of text read whole, in bytes: a real row is far shorter (200 cells of Excel's
/// 32,767 characters would be 19 MB); beyond it the rest of the line is dropped as it is read
/// and the row is refused, so one 300 MB line costs no more memory than a short one.
pub const MAX_LINE_BYTES: usize = 8 * 1024 * 1024;

/// UTF-8 text with each line cut at [`MAX_LINE_BYTES`] (at a character's end); `cut` is set
/// when a line was, for the reader of the record to see.
pub(super) struct CappedLines<R> {
    inner: R,
    in_line: usize,
    dropping: bool,
    pub cut: std::rc::Rc<std::cell::Cell<bool>>,
    max: usize,
}

impl<R: Read> CappedLines<R> {
    pub fn new(inner: R) -> CappedLines<R> {
        CappedLines::with_max(inner, MAX_LINE_BYTES)
    }

    fn with_max(inner: R, max: usize) -> CappedLines<R> {
        CappedLines {
            inner,
            in_line: 0,
            dropping: false,
            cut: Default::default(),
            max,
        }
    }
}

impl<R: Read> Read for CappedLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let mut kept = 0;
            for i in 0..n {
                let byte = buf[i];
                if byte == b'\n' {
                    self.in_line = 0;
                    self.dropping = false;
                } else if self.dropping {
                    continue;
                } else if self.in_line >= self.max && (byte & 0xC0) != 0x80 {
                    // At the start of a character past the limit: drop to the line's end.
                    self.dropping = true;
                    self.cut.set(true);
                    continue;
                } else {
                    self.in_line += 1;
                }
                buf[kept] = byte;
                kept += 1;
            }
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], legacy: &'static Encoding) -> String {
        let mut text = String::new();
        MixedLines::new(bytes, legacy)
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    fn sjis(text: &str) -> Vec<u8> {
        encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
    }

    #[test]
    fn each_line_is_read_in_what_it_is() {
        let mut file = b"\xEF\xBB\xBFname\n".to_vec();
        file.extend(sjis("株式会社シフト\n"));
        file.extend("株式会社ユーティーエフ\n".as_bytes());
        file.extend(sjis("有限会社ジス"));
        assert_eq!(
            read(&file, encoding_rs::SHIFT_JIS),
            "name\n株式会社シフト\n株式会社ユーティーエフ\n有限会社ジス"
        );
    }

    #[test]
    fn a_broken_utf8_sequence_stays_a_broken_utf8_line() {
        let mut file = "株式会社あいう\n".as_bytes().to_vec();
        file.extend(b"\xE6\xA0\xAA\xE5\xBC\x8F\xFF\xE4\xBC\x9A\xE7\xA4\xBE\n");
        let text = read(&file, encoding_rs::SHIFT_JIS);
        assert_eq!(text, "株式会社あいう\n株式\u{FFFD}会社\n");
    }

    #[test]
    fn the_legacy_encoding_is_chosen_by_the_lines_that_are_not_utf8() {
        let mut file = Vec::new();
        for n in 0..40 {
            file.extend(sjis(&format!(
                "株式会社シフト{n},カブシキガイシャシフト,東京都港区\n"
            )));
        }
        // One row pasted from a UTF-8 tool, one with a pair that is not Shift_JIS.
        file.extend("株式会社ユーティーエフ,カブシキガイシャ\n".as_bytes());
        file.extend(b"\x8A\x94\x8E\xAE\x89\xEF\x8E\xD0\x85\x40\n");
        let reading = detect(&file);
        assert_eq!(reading.legacy, encoding_rs::SHIFT_JIS);
        assert_eq!((reading.utf8_lines, reading.legacy_lines), (1, 41));
        assert_eq!(reading.name(), "UTF-8 + Shift_JIS");
    }

    #[test]
    fn a_long_line_is_decoded_in_pieces() {
        let long = "株".repeat(100_000);
        let mut file = sjis(&long);
        file.push(b'\n');
        file.extend("次の行\n".as_bytes());
        assert_eq!(
            read(&file, encoding_rs::SHIFT_JIS),
            format!("{long}\n次の行\n")
        );
    }

    #[test]
    fn a_line_past_the_limit_is_cut_at_a_character_and_the_next_line_comes_whole() {
        let text = format!("{}\n次の行\n", "株".repeat(10));
        let mut capped = CappedLines::with_max(text.as_bytes(), 7);
        let cut = capped.cut.clone();
        let mut out = String::new();
        capped.read_to_string(&mut out).unwrap();
        assert_eq!(out, "株株株\n次の行\n");
        assert!(cut.get());
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn utf8_text_comes_through_unchanged(text in "\\PC{0,200}") {
            let text = text.trim_start_matches('\u{FEFF}');
            prop_assert_eq!(read(text.as_bytes(), encoding_rs::SHIFT_JIS), text);
        }

        #[test]
        fn any_bytes_read_as_text_without_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = detect(&bytes);
            let _ = read(&bytes, encoding_rs::GB18030);
        }
    }
}
