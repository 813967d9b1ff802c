//! End-to-end tests of extraction: the fixture reports under
//! tests/fixtures/pdf (fonts of each kind, encryption, truncation, scanned
//! pages) and small PDFs built in the test, through `extract_pages` and
//! `clean_pages`.  The tests of one part's internals live in its file.

use super::*;

const CID: &[u8] = include_bytes!("../../tests/fixtures/pdf/report_cid.pdf");
const TTF: &[u8] = include_bytes!("../../tests/fixtures/pdf/report_ttf.pdf");
const TYPE0: &[u8] = include_bytes!("../../tests/fixtures/pdf/report_type0.pdf");
const OWNER: &[u8] = include_bytes!("../../tests/fixtures/pdf/encrypted_owner.pdf");
const USER: &[u8] = include_bytes!("../../tests/fixtures/pdf/encrypted_user.pdf");
const TRUNCATED: &[u8] = include_bytes!("../../tests/fixtures/pdf/truncated.pdf");
const TRUNCATED_EARLY: &[u8] = include_bytes!("../../tests/fixtures/pdf/truncated_early.pdf");
const SCANNED: &[u8] = include_bytes!("../../tests/fixtures/pdf/scanned.pdf");

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn all_text(pages: &[PdfPage]) -> String {
    squeeze(
        &pages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

const SENTENCES: &[&str] = &[
    "贵州茅台（600519.SH）公司点评：渠道改革成效显现，业绩稳健增长",
    "大模型DeepSeek-R1的开源显著降低了推理成本，我们预计算力需求将从训练侧向推理侧迁移。",
    "公司2024年实现营业收入1708.99亿元，同比增长15.7%；归母净利润862.28亿元，同比增长15.4%。",
    "维持“买入”评级，目标价1850元，对应2025年PE为24倍。",
    "春节旺季动销数据显示，高端白酒批价保持平稳，库存处于合理区间。",
    "DeepSeek-R1、Qwen2.5等模型在投研场景中的使用率明显上升。",
    "左栏：从估值角度看，当前股价对应的市盈率处于近五年的较低分位，安全边际较为充足。",
    "右栏：风险提示包括宏观经济下行风险、行业竞争加剧风险，以及食品安全风险。",
    "投资评级说明：以报告发布日后6个月内的公司股价相对沪深300指数的涨跌幅为基准。",
];

fn check_report(bytes: &[u8]) -> Vec<PdfPage> {
    let pages = extract_pages(bytes).expect("extracts");
    assert_eq!(
        pages.iter().map(|p| p.number).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    let text = all_text(&pages);
    for s in SENTENCES {
        assert!(text.contains(s), "missing {s:?} in {text}");
    }
    // Page-level placement: the table is on page 3 only.
    assert!(squeeze(&pages[2].text).contains("归母净利润（亿元）862.28975.101089.60"));
    assert!(!squeeze(&pages[1].text).contains("归母净利润（亿元）"));
    pages
}

#[test]
fn predefined_cid_font_without_tounicode() {
    let pages = check_report(CID);
    assert!(pages[0].text.contains("- 1 -"));
    // The title is drawn twice, 0.3 pt apart (fake bold): kept once.
    assert_eq!(pages[0].text.matches("渠道改革成效显现").count(), 1);
    // Header and a 45° watermark live in a form XObject drawn on each
    // page; the rotated string stays on one line.
    for page in &pages {
        assert!(page.text.starts_with("XX证券研究报告 公司点评｜食品饮料\n"));
        assert!(page.text.lines().any(|l| l == "仅供内部参考"));
    }
}

#[test]
fn embedded_truetype_subset_with_tounicode() {
    let pages = check_report(TTF);
    // Latin runs are in another font: they must not split words.
    assert!(pages[0].text.contains("DeepSeek-R1"));
    assert!(pages[0].text.contains("600519.SH"));
}

#[test]
fn type0_identity_h_with_tounicode() {
    check_report(TYPE0);
}

#[test]
fn table_cells_are_separated_and_rows_are_lines() {
    let pages = extract_pages(TTF).unwrap();
    assert!(pages[2]
        .text
        .lines()
        .any(|l| l.trim() == "每股收益（元） 68.64 77.62 86.74"));
    assert!(pages[2]
        .text
        .lines()
        .any(|l| l.trim() == "指标 2024A 2025E 2026E"));
}

#[test]
fn columns_are_not_interleaved() {
    // Each column's lines stay together, in content order.
    let pages = extract_pages(TTF).unwrap();
    let page = squeeze(&pages[3].text);
    let right = page.find("右栏：风险提示").unwrap();
    let right_end = page.find("盈利预测存在下调可能。").unwrap();
    let left = page.find("左栏：从估值角度看").unwrap();
    assert!(right < right_end && (right_end < left || left + 80 < right));
}

#[test]
fn clean_pages_removes_headers_footers_numbers_markers() {
    for bytes in [CID, TTF, TYPE0] {
        let mut pages = extract_pages(bytes).unwrap();
        clean_pages(&mut pages);
        let text = all_text(&pages);
        for gone in [
            "XX证券研究报告",
            "公司点评｜食品饮料",
            "请务必阅读",
            "第1页",
            "共5页",
            "-1-",
            "[Table_",
            "Table_Summary",
            "仅供内部参考",
        ] {
            assert!(!text.contains(gone), "{gone:?} left in {text}");
        }
        for s in SENTENCES {
            assert!(text.contains(s), "clean_pages removed {s:?}");
        }
        assert!(text.contains("资料来源：公司公告，XX证券研究所（数据为虚构）"));
        assert_eq!(pages.len(), 5);
        // Line breaks inside the body survive.
        assert!(pages[1].text.lines().count() >= 4);
    }
}

#[test]
fn owner_password_only_is_read() {
    let pages = check_report(OWNER);
    assert_eq!(pages.len(), 5);
}

#[test]
fn user_password_is_encrypted_error() {
    assert_eq!(extract_pages(USER), Err(PdfError::Encrypted));
    assert_eq!(
        PdfError::Encrypted.to_string(),
        "encrypted PDF (needs a password)"
    );
}

#[test]
fn truncated_file_gives_the_pages_that_survived() {
    // Cut inside page 3's content: pages 1-2 whole, 3-5 empty.
    let pages = extract_pages(TRUNCATED).unwrap();
    assert_eq!(pages.len(), 5);
    assert!(squeeze(&pages[0].text).contains(SENTENCES[1]));
    assert!(squeeze(&pages[1].text).contains(SENTENCES[4]));
    assert!(pages[3].text.is_empty() && pages[4].text.is_empty());
}

#[test]
fn truncated_before_any_content_is_damaged() {
    let err = extract_pages(TRUNCATED_EARLY).unwrap_err();
    assert!(matches!(err, PdfError::Damaged(_)), "{err:?}");
    assert!(err.to_string().starts_with("damaged PDF: "));
}

#[test]
fn image_only_pages_are_no_text() {
    assert_eq!(extract_pages(SCANNED), Err(PdfError::NoText));
}

#[test]
fn garbage_input_never_panics() {
    assert!(matches!(extract_pages(b""), Err(PdfError::Unsupported(_))));
    assert!(matches!(
        extract_pages(b"hello"),
        Err(PdfError::Unsupported(_))
    ));
    assert!(extract_pages(b"%PDF-1.4\n").is_err());
    // Every prefix and some bit flips of a real file: any result but a panic.
    for cut in (0..TTF.len()).step_by(997) {
        let _ = extract_pages(&TTF[..cut]);
    }
    let mut flipped = TYPE0.to_vec();
    for i in (0..flipped.len()).step_by(101) {
        flipped[i] ^= 0x5A;
    }
    let _ = extract_pages(&flipped);
}

/// A one-page PDF: content stream, font F1 (object 5), a form X1 that
/// draws "Hello" and then itself, and any extra objects from 7 on.
fn tiny_pdf(content: &[u8], font: &str, extra: &[&str]) -> Vec<u8> {
    let form = b"BT /F1 12 Tf 72 100 Td (Hello) Tj ET /X1 Do".to_vec();
    let res = "/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>";
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {res} /Contents 4 0 R >>")
            .into_bytes(),
    ];
    let stream = |dict: String, data: &[u8]| {
        let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        o.extend_from_slice(data);
        o.extend_from_slice(b"\nendstream");
        o
    };
    objects.push(stream(String::new(), content));
    objects.push(font.as_bytes().to_vec());
    objects.push(stream(
        format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] {res}"),
        &form,
    ));
    objects.extend(extra.iter().map(|e| e.as_bytes().to_vec()));
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

const HELVETICA_F1: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

#[test]
fn self_drawing_form_drawn_many_times_ends() {
    let content = "q /X1 Do Q\n".repeat(20_000);
    let start = std::time::Instant::now();
    let pages = extract_pages(&tiny_pdf(content.as_bytes(), HELVETICA_F1, &[])).unwrap();
    // Drawn 20,000 times at one spot: kept once.
    assert_eq!(pages[0].text, "Hello");
    assert!(start.elapsed().as_secs() < 30);
}

#[test]
fn tj_gaps_become_spaces_and_kerning_does_not() {
    let content = b"BT /F1 10 Tf 72 700 Td [(Deep) -30 (Seek) -20 (-R1) -300 (model)] TJ \
                    0 -14 Td (next line) Tj ET";
    let pages = extract_pages(&tiny_pdf(content, HELVETICA_F1, &[])).unwrap();
    assert_eq!(pages[0].text, "DeepSeek-R1 model\nnext line");
}

#[test]
fn gbk_cmap_without_tounicode_end_to_end() {
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H \
                /DescendantFonts [7 0 R] >>";
    let cid = "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun \
               /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>";
    // "研报 600519.SH" in GBK, as a hex string.
    let content = b"BT /F1 12 Tf 72 700 Td <D1D0B1A8203630303531392E5348> Tj ET";
    let pages = extract_pages(&tiny_pdf(content, font, &[cid])).unwrap();
    assert_eq!(pages[0].text, "研报 600519.SH");
}

#[test]
fn identity_h_without_tounicode_is_no_text() {
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H \
                /DescendantFonts [7 0 R] >>";
    let cid = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun \
               /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>";
    let content = b"BT /F1 12 Tf 72 700 Td <0012003400560078009A00BC> Tj ET";
    assert_eq!(
        extract_pages(&tiny_pdf(content, font, &[cid])),
        Err(PdfError::NoText)
    );
}
