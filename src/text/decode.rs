//! Turning the raw bytes of a report file into text.
//!
//! Report folders accumulate files from many tools and years: mostly UTF-8, but also
//! GBK/GB18030 exports, UTF-16 files written by Windows tools (with or without a BOM),
//! UTF-8 files with a BOM or a few corrupted bytes, and stray binaries (PDF, images,
//! archives, executables) that must be skipped rather than indexed as garbage.
//!
//! Detection order (only a bounded prefix is sniffed, the whole input is decoded):
//! 1. BOMs (UTF-8, UTF-16LE, UTF-16BE) are trusted.
//! 2. Known magic numbers (PDF, PNG, JPEG, GIF, ZIP/Office, gzip, ELF, PE, OLE2, ...) are binary.
//! 3. Input that is entirely valid UTF-8 is UTF-8 (borrowed, no copy) unless its head is full
//!    of NUL or control bytes. A valid UTF-8 file is never reinterpreted as GBK, even if its
//!    bytes also happen to be valid GBK (e.g. the GBK bytes of "浣犲ソ" are the UTF-8 bytes of
//!    "你好"): for non-trivial Chinese text an accidental UTF-8 match is vanishingly rare, while
//!    reinterpreting genuine UTF-8 would corrupt the common case.
//! 4. A head with NULs whose UTF-16 decoding (either byte order) reads as text, with NULs
//!    explained as high bytes of ASCII characters: BOM-less UTF-16.
//! 5. More than 0.1% NUL or 5% other control bytes in the head: binary.
//! 6. Invalid UTF-8 with at least 5 valid multi-byte characters per invalid sequence (GBK text
//!    averages ~0.25): UTF-8 with replacement characters.
//! 7. Bytes that form well-structured GB18030 mostly inside the GB2312 region (where nearly
//!    all everyday Chinese characters and punctuation live) and are not kana-heavy: GB18030.
//! 8. Damaged UTF-8 (no more invalid sequences than valid multi-byte characters) or at most 10%
//!    bad bytes (e.g. Latin-1 accents in English text): lossy UTF-8.
//! 9. Otherwise binary.
//!
//! Known limits: EUC-KR/CP949 is structurally indistinguishable from GB2312 and comes out as
//! GB18030 mojibake; Big5 and 8-bit Cyrillic/Greek/Hebrew come out as binary or lossy UTF-8;
//! UTF-32 is refused.

use std::borrow::Cow;
use std::fmt;

use encoding_rs::DecoderResult;

/// How many bytes are inspected when guessing; large files are decoded in full but judged by
/// this much so that sniffing a multi-hundred-MB file stays cheap.
const SNIFF_LEN: usize = 64 * 1024;

/// Size of the intermediate buffer used when transcoding with encoding_rs.
const DECODE_CHUNK: usize = 64 * 1024;

/// The encoding a text was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16Be,
    /// GB18030 (and so GBK and GB2312).
    Gb18030,
}

impl Encoding {
    /// The encoding's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// A file's text.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text (borrowed from the bytes when they were UTF-8).
    pub text: Cow<'a, str>,
    /// The encoding it was decoded from.
    pub encoding: Encoding,
    /// Number of U+FFFD inserted for invalid input.
    pub replaced: usize,
}

/// Why bytes are not text yanbao reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not text, or an encoding yanbao does not read (UTF-32).
    Binary {
        /// What gave it away.
        reason: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { reason } => f.write_str(reason),
        }
    }
}

impl std::error::Error for DecodeError {}

fn binary(what: &str) -> DecodeError {
    DecodeError::Binary {
        reason: format!("binary file ({what})"),
    }
}

/// Decodes a whole file's bytes into text, or explains why it is not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    // Must precede the UTF-16LE BOM, which is its prefix; decoding it as UTF-16 would interleave
    // U+0000 between all characters.
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(binary("UTF-32 text is not supported"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(decode_utf8_lossy(rest, Encoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(decode_utf16(rest, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(decode_utf16(rest, Encoding::Utf16Be));
    }
    if let Some(kind) = magic(bytes) {
        return Err(binary(kind));
    }

    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let head_truncated = head.len() < bytes.len();
    let stats = HeadStats::of(head);

    let utf8 = std::str::from_utf8(bytes);
    // Fast path: the common case costs one validation pass plus a bounded head scan.
    if let Ok(text) = utf8 {
        if stats.nul_even + stats.nul_odd == 0 && !stats.too_many_controls() {
            return Ok(Decoded {
                text: Cow::Borrowed(text),
                encoding: Encoding::Utf8,
                replaced: 0,
            });
        }
    }

    if let Some(enc) = utf16_guess(head, &stats, head_truncated) {
        return Ok(decode_utf16(bytes, enc));
    }
    if let Some(reason) = stats.binary_reason() {
        return Err(binary(reason));
    }

    let first_error = match utf8 {
        // Only a few stray NULs: still text.
        Ok(text) => {
            return Ok(Decoded {
                text: Cow::Borrowed(text),
                encoding: Encoding::Utf8,
                replaced: 0,
            })
        }
        Err(e) => e.valid_up_to(),
    };

    // Judge the 8-bit encoding where the non-UTF-8 bytes actually are: a GBK file can start with
    // far more than SNIFF_LEN bytes of ASCII before its first Chinese character. The window
    // starts at the first error unless that would make it short (error near the end of file).
    let end = bytes.len().min(first_error.saturating_add(SNIFF_LEN));
    let start = gb_sync_point(bytes, first_error.min(end.saturating_sub(SNIFF_LEN)));
    let window = &bytes[start..end];
    let truncated = end < bytes.len();

    // GBK text yields well under one valid UTF-8 multi-byte character per invalid sequence
    // (median ~0.25 on the reference corpora), UTF-8 with a few corrupt bytes yields many.
    let u = utf8_scan(window, truncated);
    if u.invalid * 5 <= u.multibyte {
        return Ok(decode_utf8_lossy(bytes, Encoding::Utf8));
    }
    if gb_scan(window, truncated).looks_chinese() {
        let (text, replaced) = transcode(encoding_rs::GB18030, bytes);
        return Ok(Decoded {
            text: Cow::Owned(text),
            encoding: Encoding::Gb18030,
            replaced,
        });
    }
    // Heavily damaged UTF-8, or stray Latin-1 bytes in ASCII text: still worth indexing.
    if u.invalid <= u.multibyte || u.bad_bytes * 10 <= window.len() {
        return Ok(decode_utf8_lossy(bytes, Encoding::Utf8));
    }
    Err(binary("not text in UTF-8, UTF-16 or GB18030"))
}

/// Recognises common non-text formats by their leading bytes.
fn magic(bytes: &[u8]) -> Option<&'static str> {
    const TABLE: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF document"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
        (b"PK\x03\x04", "ZIP archive or Office document"),
        (b"PK\x05\x06", "ZIP archive or Office document"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\xFD7zXZ\x00", "xz archive"),
        (b"\x28\xB5\x2F\xFD", "zstd archive"),
        (b"7z\xBC\xAF\x27\x1C", "7z archive"),
        (b"Rar!\x1A\x07", "RAR archive"),
        (b"\x7FELF", "ELF executable"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "OLE2 document (doc/xls/ppt)",
        ),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"!<arch>\n", "ar archive"),
        (b"ID3\x02", "MP3 audio"),
        (b"ID3\x03", "MP3 audio"),
        (b"ID3\x04", "MP3 audio"),
        (b"OggS\x00", "Ogg media"),
    ];
    if let Some((_, kind)) = TABLE.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    if bytes.starts_with(b"RIFF") && matches!(bytes.get(8..12), Some(b"WEBP" | b"WAVE" | b"AVI ")) {
        return Some("RIFF media (WebP/WAV/AVI)");
    }
    // "MZ" alone could begin a text file; a real DOS/PE header always has NULs right after it.
    if bytes.starts_with(b"MZ") && bytes.iter().take(64).any(|&b| b == 0) {
        return Some("Windows executable");
    }
    None
}

/// Byte statistics of the head of a file.
#[derive(Debug, Default)]
struct HeadStats {
    len: usize,
    nul_even: usize,
    nul_odd: usize,
    /// C0 controls other than NUL, TAB, LF, FF, CR (pdftotext emits FF page breaks), plus DEL.
    control: usize,
}

impl HeadStats {
    fn of(head: &[u8]) -> HeadStats {
        let mut s = HeadStats {
            len: head.len(),
            ..HeadStats::default()
        };
        for pair in head.chunks(2) {
            for (i, &b) in pair.iter().enumerate() {
                if b == 0 {
                    if i == 0 {
                        s.nul_even += 1;
                    } else {
                        s.nul_odd += 1;
                    }
                } else if (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0C | b'\r')) || b == 0x7F {
                    s.control += 1;
                }
            }
        }
        s
    }

    fn too_many_controls(&self) -> bool {
        self.control * 20 > self.len
    }

    /// More than 0.1% NULs, or more than 5% other control bytes. A few stray NULs are tolerated
    /// because text extracted from PDFs occasionally carries them.
    fn binary_reason(&self) -> Option<&'static str> {
        if (self.nul_even + self.nul_odd) * 1000 > self.len {
            Some("NUL bytes")
        } else if self.too_many_controls() {
            Some("control bytes")
        } else {
            None
        }
    }

    /// UTF-16 stores ASCII (digits, newlines, spaces, Latin words that pepper Chinese reports)
    /// with a NUL high byte, so NULs cluster at one parity. That is only a hint: round CJK code
    /// points (U+6700 最, U+9700 需, ...) put NULs at the other parity, and a short, mostly
    /// Chinese text can have more of those than ASCII characters.
    fn utf16_parity_hint(&self) -> [Encoding; 2] {
        if self.nul_odd >= self.nul_even {
            [Encoding::Utf16Le, Encoding::Utf16Be]
        } else {
            [Encoding::Utf16Be, Encoding::Utf16Le]
        }
    }
}

/// BOM-less UTF-16 guess for a head containing NULs: the byte order whose decoding reads best as
/// text, if it reads well enough. Binaries with NUL-padded integers decode to controls, unpaired
/// surrogates and unassigned blocks, so they fail the 95% bar.
fn utf16_guess(head: &[u8], stats: &HeadStats, truncated: bool) -> Option<Encoding> {
    if stats.nul_even + stats.nul_odd == 0 {
        return None;
    }
    let mut best: Option<(Encoding, usize)> = None;
    for enc in stats.utf16_parity_hint() {
        let score = utf16_text_score(head, enc, truncated);
        if score >= 950 && best.is_none_or(|(_, b)| score > b) {
            best = Some((enc, score));
        }
    }
    best.map(|(enc, _)| enc)
}

/// Per-mille of decoded characters that look like text; 0 if the reading is implausible.
fn utf16_text_score(head: &[u8], enc: Encoding, truncated: bool) -> usize {
    let even = &head[..head.len() & !1];
    let (text, replaced) = transcode(utf16_encoding(enc), even);
    let (mut total, mut texty, mut nul, mut low) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        total += 1;
        texty += usize::from(is_texty(c));
        nul += usize::from(c == '\0');
        low += usize::from(matches!(c, '\u{1}'..='\u{FF}'));
    }
    // A cut through a surrogate pair at the end of the head is not evidence against UTF-16.
    let allowed = total / 100 + usize::from(truncated);
    // In real UTF-16 the NULs are high bytes of ASCII characters, not U+0000. This also rejects
    // binaries whose runs of repeated ASCII bytes ("UUUU", "    ") happen to read as CJK.
    if total == 0 || replaced > allowed || low == 0 || nul * 20 > low {
        return 0;
    }
    texty * 1000 / total
}

/// Characters that plausibly occur in a (Chinese) report; a random 16-bit code unit lands
/// outside these blocks about a third of the time.
fn is_texty(c: char) -> bool {
    matches!(
        c as u32,
        0x09 | 0x0A | 0x0C | 0x0D
            | 0x20..=0x7E
            | 0xA0..=0x024F
            | 0x0370..=0x04FF
            | 0x2000..=0x206F
            | 0x20A0..=0x20CF
            | 0x2100..=0x27BF
            | 0x3000..=0x30FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x20000..=0x2FA1F
    )
}

fn utf16_encoding(enc: Encoding) -> &'static encoding_rs::Encoding {
    if enc == Encoding::Utf16Be {
        encoding_rs::UTF_16BE
    } else {
        encoding_rs::UTF_16LE
    }
}

fn decode_utf16(bytes: &[u8], enc: Encoding) -> Decoded<'static> {
    let (text, replaced) = transcode(utf16_encoding(enc), bytes);
    Decoded {
        text: Cow::Owned(text),
        encoding: enc,
        replaced,
    }
}

fn decode_utf8_lossy(bytes: &[u8], encoding: Encoding) -> Decoded<'_> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding,
            replaced: 0,
        };
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut replaced = 0;
    // Same maximal-subpart replacement as String::from_utf8_lossy, but counted.
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push('\u{FFFD}');
            replaced += 1;
        }
    }
    Decoded {
        text: Cow::Owned(text),
        encoding,
        replaced,
    }
}

/// Decodes all of `bytes`, inserting and counting one U+FFFD per malformed sequence.
///
/// Goes through a fixed-size intermediate buffer: encoding_rs's `decode_to_string_*` touches
/// every page of the String's spare capacity on each call, which becomes quadratic-ish when a
/// large output meets many malformed sequences.
fn transcode(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> (String, usize) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let mut buf = "\0".repeat(DECODE_CHUNK);
    let mut src = bytes;
    let mut replaced = 0;
    loop {
        let (result, read, written) =
            decoder.decode_to_str_without_replacement(src, buf.as_mut_str(), true);
        out.push_str(buf.get(..written).unwrap_or_default());
        src = src.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => {
                out.push('\u{FFFD}');
                replaced += 1;
            }
        }
    }
    (out, replaced)
}

/// A position at or before `pos` where a GB18030 character must begin: just after a byte below
/// 0x30, which can be neither a lead nor any trail byte. Falls back to `pos`.
fn gb_sync_point(bytes: &[u8], pos: usize) -> usize {
    let from = pos.saturating_sub(1024);
    bytes
        .get(from..pos)
        .and_then(|before| before.iter().rposition(|&b| b < 0x30))
        .map_or(pos, |i| from + i + 1)
}

#[derive(Debug, Default)]
struct Utf8Scan {
    /// Valid multi-byte characters.
    multibyte: usize,
    /// Invalid sequences (each becomes one U+FFFD).
    invalid: usize,
    /// Bytes in invalid sequences.
    bad_bytes: usize,
}

fn utf8_scan(window: &[u8], truncated: bool) -> Utf8Scan {
    let mut s = Utf8Scan::default();
    let mut chunks = window.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        s.multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        let invalid = chunk.invalid().len();
        // A sequence cut by the end of the window is not an error in the file.
        let cut = truncated && chunks.peek().is_none() && invalid < 4;
        if invalid > 0 && !cut {
            s.invalid += 1;
            s.bad_bytes += invalid;
        }
    }
    s
}

#[derive(Debug, Default)]
struct GbScan {
    /// Well-formed multi-byte characters.
    chars: usize,
    /// Of those, two-byte characters in GB2312's symbol (A1–A9) or hanzi (B0–F7) rows.
    gb2312: usize,
    /// Of those, kana (rows A4/A5), which EUC-JP shares with GB2312 but Chinese text barely uses.
    kana: usize,
    errors: usize,
}

impl GbScan {
    /// Few malformed sequences, and most characters in GB2312's rows, where nearly all everyday
    /// Chinese characters and punctuation live (random high bytes land there about a third of the
    /// time). Very short samples only need half, since one rarer character (昇, 碁) is common.
    /// Japanese EUC-JP (kana-heavy) is rejected rather than shown as Chinese mojibake.
    fn looks_chinese(&self) -> bool {
        let needed = if self.chars < 10 {
            self.errors == 0 && self.gb2312 * 2 >= self.chars
        } else {
            self.errors * 50 <= self.chars && self.gb2312 * 10 >= self.chars * 6
        };
        self.chars > 0 && needed && self.kana * 10 <= self.chars
    }
}

/// Structural GB18030 scan (byte ranges only, no table lookups).
fn gb_scan(window: &[u8], truncated: bool) -> GbScan {
    let mut s = GbScan::default();
    let mut i = 0;
    while let Some(&b) = window.get(i) {
        if b <= 0x80 {
            // 0x80 is a lone euro sign in GB18030 as implemented by encoding_rs.
            i += 1;
            continue;
        }
        if b == 0xFF {
            s.errors += 1;
            i += 1;
            continue;
        }
        let Some(&b2) = window.get(i + 1) else {
            s.errors += usize::from(!truncated);
            break;
        };
        match b2 {
            0x40..=0x7E | 0x80..=0xFE => {
                s.chars += 1;
                if (matches!(b, 0xA1..=0xA9) || matches!(b, 0xB0..=0xF7)) && b2 >= 0xA1 {
                    s.gb2312 += 1;
                    s.kana += usize::from(matches!(b, 0xA4 | 0xA5));
                }
                i += 2;
            }
            0x30..=0x39 => match (window.get(i + 2), window.get(i + 3)) {
                (Some(0x81..=0xFE), Some(0x30..=0x39)) => {
                    s.chars += 1;
                    i += 4;
                }
                (None, _) | (Some(0x81..=0xFE), None) if truncated => break,
                _ => {
                    s.errors += 1;
                    i += 1;
                }
            },
            _ => {
                s.errors += 1;
                i += 1;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    const ZH: &str =
        "中国银河证券研究报告：电子行业三季度业绩向好，关注消费电子、面板等高确定性板块。\
        2020年前三季度行业归母净利润同比增长12.5%，维持“推荐”评级（风险提示：需求不及预期）。\n";

    fn gbk(s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(s);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(s.encode_utf16());
        for u in units {
            out.extend(if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        out
    }

    /// Deterministic xorshift bytes, so no RNG crate is needed.
    fn noise(n: usize, mut seed: u64) -> Vec<u8> {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect()
    }

    fn reason(bytes: &[u8]) -> String {
        match decode(bytes) {
            Err(e) => e.to_string(),
            Ok(d) => panic!("expected binary, got {:?} text", d.encoding),
        }
    }

    #[test]
    fn plain_utf8_is_borrowed() {
        let d = decode(ZH.as_bytes()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.replaced, 0);
        assert!(matches!(d.text, Cow::Borrowed(t) if t == ZH));
    }

    #[test]
    fn utf8_bom_is_stripped_and_borrowed() {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), ZH.as_bytes()].concat();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert!(matches!(d.text, Cow::Borrowed(t) if t == ZH));
        assert_eq!(Encoding::Utf8Bom.name(), "UTF-8 (BOM)");
    }

    #[test]
    fn utf16_with_bom_round_trips() {
        for (be, enc) in [(false, Encoding::Utf16Le), (true, Encoding::Utf16Be)] {
            let input = utf16(ZH, be, true);
            let d = decode(&input).unwrap();
            assert_eq!((d.encoding, d.replaced), (enc, 0));
            assert_eq!(d.text, ZH);
        }
    }

    #[test]
    fn utf16_with_bom_odd_length_replaces_last_byte() {
        let mut bytes = utf16("研报", false, true);
        bytes.push(0x41);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(d.text, "研报\u{FFFD}");
        assert_eq!(d.replaced, 1);
    }

    #[test]
    fn utf16_without_bom_is_detected_from_nul_pattern() {
        for (be, enc) in [(false, Encoding::Utf16Le), (true, Encoding::Utf16Be)] {
            let input = utf16(ZH, be, false);
            let d = decode(&input).unwrap();
            assert_eq!(d.encoding, enc);
            assert_eq!(d.text, ZH);
            // Pure ASCII UTF-16 is also valid UTF-8 (with NULs): must still come out as UTF-16.
            let input = utf16("Revenue grew 12% in Q3.\r\n", be, false);
            let d = decode(&input).unwrap();
            assert_eq!(d.encoding, enc);
            assert_eq!(d.text, "Revenue grew 12% in Q3.\r\n");
        }
    }

    #[test]
    fn gbk_and_gb18030_round_trip() {
        let input = gbk(ZH);
        let d = decode(&input).unwrap();
        assert_eq!((d.encoding, d.replaced), (Encoding::Gb18030, 0));
        assert_eq!(d.text, ZH);

        // Characters outside GBK need GB18030's four-byte form.
        let rare = format!("{ZH}𠀀€ Ω ㈠");
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&rare);
        assert!(!unmappable);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(d.text, rare);
        assert_eq!(d.encoding.name(), "GB18030");
    }

    #[test]
    fn short_gbk_is_gb18030() {
        // D6 D0 CE C4 is not valid UTF-8, and both pairs sit in GB2312's hanzi rows.
        let input = gbk("中文");
        let d = decode(&input).unwrap();
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(d.text, "中文");
        let input = gbk("研");
        let d = decode(&input).unwrap();
        assert_eq!((d.encoding, d.text.as_ref()), (Encoding::Gb18030, "研"));
    }

    #[test]
    fn gbk_that_is_valid_utf8_stays_utf8() {
        // Documented ambiguity: the GBK bytes of "浣犲ソ" are exactly the UTF-8 bytes of "你好".
        // Valid UTF-8 always wins, since misreading real UTF-8 would be far costlier.
        let bytes = gbk("浣犲ソ");
        assert_eq!(bytes, "你好".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.text.as_ref()), (Encoding::Utf8, "你好"));
    }

    #[test]
    fn gbk_after_long_ascii_prefix() {
        let mut text = "Disclaimer: for professional investors only.\n".repeat(3000);
        assert!(text.len() > SNIFF_LEN);
        text.push_str(ZH);
        let input = gbk(&text);
        let d = decode(&input).unwrap();
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(d.text, text);
    }

    #[test]
    fn gbk_with_a_few_corrupt_bytes_is_still_gb18030() {
        let mut bytes = gbk(&ZH.repeat(20));
        bytes.insert(100, 0xFF);
        bytes.insert(1000, 0xFF);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(d.replaced, 2);
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
    }

    #[test]
    fn utf8_with_invalid_bytes_gets_replacements() {
        let mut bytes = ZH.repeat(5).into_bytes();
        let mid = ZH.len() * 2; // a char boundary
        bytes.splice(mid..mid, *b"\xFF\xFE");
        bytes.insert(ZH.len() * 4 + 2, 0x80);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.replaced, 3);
        let expected = format!("{0}{0}\u{FFFD}\u{FFFD}{0}{0}\u{FFFD}{0}", ZH);
        assert_eq!(d.text, expected);
    }

    #[test]
    fn utf8_with_invalid_byte_beyond_sniff_window() {
        let mut bytes = ZH.repeat(SNIFF_LEN / ZH.len() + 10).into_bytes();
        bytes.push(0xC3); // truncated two-byte sequence at EOF
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.replaced), (Encoding::Utf8, 1));
        assert!(d.text.ends_with("\n\u{FFFD}"));
    }

    #[test]
    fn latin1_in_english_text_is_lossy_utf8() {
        let mut bytes = b"Caf\xE9 revenue rose; the na\xEFve view is wrong. ".repeat(10);
        bytes.extend_from_slice(b"More plain English text follows here.");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.replaced, 20);
        assert!(d.text.starts_with("Caf\u{FFFD} revenue"));
    }

    #[test]
    fn empty_is_empty_text() {
        let d = decode(b"").unwrap();
        assert_eq!((d.encoding, d.replaced), (Encoding::Utf8, 0));
        assert!(matches!(d.text, Cow::Borrowed("")));
    }

    #[test]
    fn magic_numbers_are_binary() {
        assert_eq!(
            reason(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),
            "binary file (PNG image)"
        );
        // Even an all-ASCII PDF is a PDF, not a report text.
        assert_eq!(
            reason(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
            "binary file (PDF document)"
        );
        assert!(reason(b"PK\x03\x04\x14\x00\x06\x00word/document.xml").contains("ZIP"));
        assert!(reason(b"\x7FELF\x02\x01\x01\x00").contains("ELF"));
        assert!(reason(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00").contains("OLE2"));
        assert!(reason(b"\xFF\xD8\xFF\xE0\x00\x10JFIF").contains("JPEG"));
        assert!(reason(b"GIF89a\x01\x00\x01\x00").contains("GIF"));
        assert!(reason(b"\x1F\x8B\x08\x00").contains("gzip"));
        assert!(reason(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00").contains("executable"));
    }

    #[test]
    fn text_starting_with_mz_is_text() {
        let d = decode("MZ资本：2024年度策略".as_bytes()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
    }

    #[test]
    fn random_bytes_are_binary() {
        for seed in 1..20 {
            let bytes = noise(4096, seed);
            assert!(reason(&bytes).starts_with("binary file ("), "seed {seed}");
        }
        // High bytes only: no NULs or controls, but not structured like any text encoding.
        let high: Vec<u8> = noise(4096, 7).iter().map(|b| b | 0x80).collect();
        assert_eq!(
            reason(&high),
            "binary file (not text in UTF-8, UTF-16 or GB18030)"
        );
    }

    #[test]
    fn nul_laden_bytes_are_binary() {
        let mut bytes = b"header".to_vec();
        bytes.extend_from_slice(&[0; 300]);
        bytes.extend_from_slice(b"\x01\x02\x03data\x00\x00\x10\x00");
        assert_eq!(reason(&bytes), "binary file (NUL bytes)");
        // Little-endian integers: NULs on both parities.
        let ints: Vec<u8> = (0u32..500).flat_map(|i| (i * 7).to_le_bytes()).collect();
        assert_eq!(reason(&ints), "binary file (NUL bytes)");
        assert_eq!(reason(&[0; 10]), "binary file (NUL bytes)");
    }

    #[test]
    fn utf32_is_refused_not_misread_as_utf16() {
        let bytes: Vec<u8> = [0xFEFF_u32, '研' as u32, 'A' as u32]
            .iter()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(reason(&bytes), "binary file (UTF-32 text is not supported)");
    }

    #[test]
    fn repeated_ascii_with_nuls_is_not_utf16() {
        // Runs like "UUUU" read as U+5555 (a CJK character) in UTF-16; the U+0000 units give the
        // binary away (pattern taken from an MP3 frame without its ID3 header).
        let mut bytes = b"\xFF\xF3\x80\xC4\x00\x00\x00\x03H\x00\x00\x00\x00LAME".to_vec();
        bytes.extend_from_slice(&[b'U'; 400]);
        assert_eq!(reason(&bytes), "binary file (NUL bytes)");
    }

    #[test]
    fn japanese_euc_is_not_taken_for_chinese() {
        let (bytes, _, _) =
            encoding_rs::EUC_JP.encode("これは日本語のテキストです。よろしくお願いします。");
        assert!(decode(&bytes).map_or(true, |d| d.encoding != Encoding::Gb18030));
    }

    #[test]
    fn control_bytes_are_binary() {
        let bytes: Vec<u8> = b"ab\x01\x02\x03\x04cd\x05\x06".repeat(20);
        assert_eq!(reason(&bytes), "binary file (control bytes)");
    }

    #[test]
    fn stray_nul_in_long_text_is_tolerated() {
        let mut text = ZH.repeat(20);
        text.insert(ZH.len() * 3, '\0');
        let d = decode(text.as_bytes()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.text, text);
    }

    #[test]
    fn no_panics_on_truncations_and_noise() {
        let inputs = [
            gbk(ZH),
            utf16(ZH, false, true),
            utf16(ZH, true, false),
            ZH.as_bytes().to_vec(),
            noise(300, 99),
        ];
        for input in &inputs {
            for end in 0..=input.len() {
                for start in [0, 1, 2, 3] {
                    if let Some(slice) = input.get(start..end) {
                        if let Ok(d) = decode(slice) {
                            assert!(d.replaced <= slice.len());
                            if d.replaced == 0 && d.encoding == Encoding::Utf8 {
                                assert_eq!(d.text.as_bytes(), slice);
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn large_inputs_and_throughput() {
        let big = ZH.repeat(20 * 1024 * 1024 / ZH.len() + 1);
        let t = Instant::now();
        let d = decode(big.as_bytes()).unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.text.len(), big.len());
        let mb = big.len() as f64 / 1e6;
        eprintln!("UTF-8 {mb:.1} MB: {:.0} MB/s", mb / secs);

        // Repeating pre-encoded bytes keeps the test fast in debug builds.
        let bytes = gbk(ZH).repeat(big.len() / ZH.len());
        let t = Instant::now();
        let d = decode(&bytes).unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(d.text.len(), big.len());
        let mb = bytes.len() as f64 / 1e6;
        eprintln!("GBK {mb:.1} MB: {:.0} MB/s", mb / secs);
    }
}
