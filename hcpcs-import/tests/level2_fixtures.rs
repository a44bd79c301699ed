//! The source parsers on small fixture files: the good fixture parses to the expected records, and
//! each class of malformed input fails with the file, line, field and offending text.

use chrono::NaiveDate;
use hcpcs_core::code::{Code, CrossReference};
use hcpcs_core::indicator::*;
use hcpcs_core::rows::SourceRecord;
use hcpcs_import::cms::{
    self as source, level2_text as fixed_width, noc, proc_notes as notes, ErrorKind, SourceError,
};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
const FILE: &str = "level2_good.txt";

fn good() -> Vec<u8> {
    std::fs::read(format!("{DIR}{FILE}")).unwrap()
}

/// The good fixture with `text` written over line `line` (1-based) from column `col` (1-based).
fn with(line: usize, col: usize, text: &str) -> Vec<u8> {
    let src = String::from_utf8(good()).unwrap();
    let mut lines: Vec<String> = src.split("\r\n").map(str::to_string).collect();
    let l = &mut lines[line - 1];
    let mut b = std::mem::take(l).into_bytes();
    if b.len() < col - 1 + text.len() {
        b.resize(col - 1 + text.len(), b' ');
    }
    b.splice(col - 1..col - 1 + text.len(), text.bytes());
    *l = String::from_utf8(b).unwrap();
    lines.join("\r\n").into_bytes()
}

fn fails(bytes: &[u8]) -> SourceError {
    fixed_width::parse(bytes, FILE).expect_err("the parser accepted a malformed file")
}

/// Asserts the error's class, line, field and text, and that its message names all of them.
fn check(e: &SourceError, kind: ErrorKind, line: usize, field: &str, text: &str) {
    assert_eq!(e.kind, kind, "{e}");
    assert_eq!(e.line, Some(line), "{e}");
    assert!(
        e.field.contains(field),
        "field {:?} should name {field:?}: {e}",
        e.field
    );
    assert_eq!(e.text, text, "{e}");
    let msg = e.to_string();
    assert!(msg.starts_with(&format!("{FILE}:{line}: ")), "{msg}");
    assert!(
        msg.contains(field) && msg.contains(&format!("{text:?}")),
        "{msg}"
    );
}

#[test]
fn good_fixture_parses() {
    let r = fixed_width::parse(&good(), FILE).unwrap();
    let codes: Vec<String> = r.iter().map(|r| r.code.to_string()).collect();
    assert_eq!(codes, ["A1", "TC", "A4206", "Q2057"]);
    assert_eq!(
        r[1].long_description,
        "Technical component; under certain circumstances, a charge may be made for the technical component alone"
    );
    let q = &r[3];
    assert_eq!(q.line, 5);
    assert_eq!(
        q.long_description,
        "Afamitresgene autoleucel, including leukapheresis and dose preparation procedures, per therapeutic dose"
    );
    assert_eq!(q.pricing_indicators, [PricingIndicator::Drugs]);
    assert_eq!(
        q.types_of_service,
        [TypeOfService::MedicalCare, TypeOfService::LumpSumPurchase]
    );
    let s = &r[2];
    assert_eq!(s.terminated.unwrap().to_string(), "2025-12-31");
    assert_eq!(
        s.cross_references,
        [CrossReference::Code(Code::parse("A4207").unwrap())]
    );
    assert_eq!(s.lab_certifications, [LabCertification::Toxicology]);
    assert_eq!(s.mcm_references, ["2049"]);
    assert_eq!(s.statute.as_deref(), Some("1861(n)"));
    assert_eq!(s.processing_note, Some(88));
    assert_eq!(s.anesthesia_base_units, Some(0));
    assert_eq!(r[0].anesthesia_base_units, None);
    assert!(r[0].pricing_indicators.is_empty() && r[0].cim_references.is_empty());
}

#[test]
fn lf_line_ends_and_trailing_blanks_past_the_record_are_accepted() {
    let lf = String::from_utf8(good()).unwrap().replace("\r\n", "\n");
    assert_eq!(fixed_width::parse(lf.as_bytes(), FILE).unwrap().len(), 4);
    // Like the real G9871 line: blanks far past column 320.
    let long = with(4, 321, &" ".repeat(226));
    assert_eq!(fixed_width::parse(&long, FILE).unwrap().len(), 4);
}

#[test]
fn bad_dates() {
    for bad in ["20251341", "00000000", "2025ABCD", "20250230"] {
        check(
            &fails(&with(4, 269, bad)),
            ErrorKind::Date,
            4,
            "code added date (columns 269-276)",
            bad,
        );
    }
    check(
        &fails(&with(5, 233, "2026011 ")),
        ErrorKind::Date,
        5,
        "ASC payment group effective date",
        "2026011 ",
    );
    check(
        &fails(&with(4, 285, "99999999")),
        ErrorKind::Date,
        4,
        "termination date",
        "99999999",
    );
}

#[test]
fn unknown_value_in_every_enum_field() {
    let cases: [(usize, &str, &str); 10] = [
        (120, "77", "pricing indicator (columns 120-121)"),
        (128, "Z", "multiple pricing indicator (column 128)"),
        (181, "999", "lab certification code (columns 181-183)"),
        (230, "X", "coverage code (column 230)"),
        (231, "ZZ", "ASC payment group (columns 231-232)"),
        (241, "999", "OPPS payment group (columns 241-243)"),
        (244, "5", "OPPS payment policy indicator (column 244)"),
        (257, "Q9Q", "BETOS code (columns 257-259)"),
        (261, "X", "type of service (column 261)"),
        (293, "Q", "action code (column 293)"),
    ];
    for (col, text, field) in cases {
        let e = fails(&with(4, col, text));
        check(&e, ErrorKind::UnknownValue, 4, field, text);
    }
    // A later slot of a repeated field names its own columns.
    check(
        &fails(&with(5, 124, "X1")),
        ErrorKind::UnknownValue,
        5,
        "columns 124-125",
        "X1",
    );
}

#[test]
fn orphan_continuation_line() {
    // A continuation of Q2058 after the first line of A4206.
    let e = fails(&with(5, 1, "Q2058002004"));
    check(
        &e,
        ErrorKind::OrphanContinuation,
        5,
        "record identification code",
        "Q2058002004",
    );
    // A modifier continuation (8) after a procedure's first line.
    let e = fails(&with(6, 1, "   TC002008"));
    check(
        &e,
        ErrorKind::OrphanContinuation,
        6,
        "record identification code",
        "   TC002008",
    );
}

#[test]
fn duplicate_code() {
    let src = String::from_utf8(good()).unwrap();
    let q = src.split("\r\n").nth(4).unwrap();
    let dup = format!("{src}{q}\r\n");
    let e = fails(dup.as_bytes());
    check(&e, ErrorKind::Duplicate, 8, "HCPCS code", "Q2057");
    assert!(e.problem.contains("line 5"), "{e}");
}

#[test]
fn truncated_and_overlong_first_lines() {
    let src = String::from_utf8(good()).unwrap();
    let cut: Vec<String> = src
        .split("\r\n")
        .enumerate()
        .map(|(i, l)| {
            if i == 3 {
                l[..200].to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    let e = fails(cut.join("\r\n").as_bytes());
    assert_eq!((e.kind, e.line), (ErrorKind::Truncated, Some(4)), "{e}");
    assert!(e.problem.contains("200 columns"), "{e}");
    let e = fails(&with(4, 321, "   EXTRA"));
    check(&e, ErrorKind::TooLong, 4, "columns 321-328", "EXTRA");
}

#[test]
fn non_ascii_bytes() {
    let e = fails(&with(5, 20, "é"));
    assert_eq!((e.kind, e.line), (ErrorKind::Encoding, Some(5)), "{e}");
    assert_eq!(e.field, "column 20");
    assert!(e.problem.contains("0xC3"), "{e}");
}

#[test]
fn wrong_record_identification_code() {
    check(
        &fails(&with(4, 11, "5")),
        ErrorKind::RecordId,
        4,
        "record identification code (column 11)",
        "5",
    );
}

#[test]
fn malformed_codes_and_numbers() {
    check(
        &fails(&with(4, 1, "A42O6")),
        ErrorKind::Code,
        4,
        "HCPCS code (columns 1-5)",
        "A42O6",
    );
    check(
        &fails(&with(1, 4, "a1")),
        ErrorKind::Code,
        1,
        "HCPCS modifier code (columns 4-5)",
        "a1",
    );
    check(
        &fails(&with(4, 205, "A42  ")),
        ErrorKind::Code,
        4,
        "cross reference code (columns 205-209)",
        "A42  ",
    );
    check(
        &fails(&with(4, 266, "A1 ")),
        ErrorKind::Number,
        4,
        "anesthesia base unit quantity",
        "A1 ",
    );
    check(
        &fails(&with(4, 6, "0010X")),
        ErrorKind::Number,
        4,
        "sequence number",
        "0010X",
    );
}

#[test]
fn required_fields_and_fillers() {
    check(
        &fails(&with(4, 293, " ")),
        ErrorKind::Blank,
        4,
        "action code",
        " ",
    );
    check(
        &fails(&with(4, 300, "X")),
        ErrorKind::Blank,
        4,
        "filler (columns 294-320)",
        "      X",
    );
    check(
        &fails(&with(6, 100, "X")),
        ErrorKind::Blank,
        6,
        "detail fields of a continuation line",
        "X",
    );
}

#[test]
fn empty_and_missing_files() {
    let e = fixed_width::parse(b"", FILE).unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Empty, None));
    let e = fixed_width::parse(b"   \r\n  \r\n", FILE).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Empty);
    let e = source::read(std::path::Path::new("/nonexistent/HCPC_ANWEB.txt")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io);
    assert!(
        e.to_string()
            .starts_with("/nonexistent/HCPC_ANWEB.txt: file: cannot read"),
        "{e}"
    );
}

#[test]
fn processing_notes() {
    let bytes = std::fs::read(format!("{DIR}proc_notes_good.txt")).unwrap();
    let n = notes::parse(&bytes, "notes.txt").unwrap();
    assert_eq!(n.len(), 1);
    assert_eq!(
        (n[0].number, n[0].text.as_str()),
        (88, "THIS IS A NOTE ON TWO LINES.")
    );
    let dup = [bytes.clone(), bytes.clone()].concat();
    let e = notes::parse(&dup, "notes.txt").unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Duplicate, Some(9)), "{e}");
    let e = notes::parse(b"  0001--CAF\xC9\r\n", "notes.txt").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Encoding);
    assert_eq!(
        notes::parse(b"title only\r\n", "notes.txt")
            .unwrap_err()
            .kind,
        ErrorKind::Empty
    );
}

#[test]
fn noc_workbooks() {
    let read = |f: &str| std::fs::read(format!("{DIR}{f}")).unwrap();
    let codes = noc::parse(&read("noc_good.xlsx-fixture"), "noc.xlsx").unwrap();
    let got: Vec<(String, usize)> = codes.iter().map(|n| (n.code.to_string(), n.line)).collect();
    assert_eq!(got, [("A4206".to_string(), 5), ("Q2057".to_string(), 6)]);
    let e = noc::parse(&read("noc_bad_code.xlsx-fixture"), "noc.xlsx").unwrap_err();
    assert_eq!(
        (e.kind, e.line, e.text.as_str()),
        (ErrorKind::Code, Some(5), "Q20-7"),
        "{e}"
    );
    let e = noc::parse(&read("noc_no_header.xlsx-fixture"), "noc.xlsx").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Structure, "{e}");
    let e = noc::parse(b"not a zip", "noc.xlsx").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Structure, "{e}");
}

#[test]
fn workbook_fixture_and_errors() {
    use hcpcs_import::cms::level2_xlsx as workbook;
    let bytes = std::fs::read(format!("{DIR}level2_good.xlsx-fixture")).unwrap();
    let r = workbook::parse(&bytes, "book.xlsx").unwrap();
    assert_eq!(
        r.iter().map(|r| r.code.to_string()).collect::<Vec<_>>(),
        ["A1", "Q2057"]
    );
    assert_eq!(r[1].line, 3);
    assert_eq!(
        r[1].types_of_service,
        [TypeOfService::MedicalCare, TypeOfService::LumpSumPurchase]
    );
    assert_eq!(r[1].anesthesia_base_units, Some(0));
    // An error names the workbook row and column.
    let bad = std::fs::read(format!("{DIR}level2_bad_date.xlsx-fixture")).unwrap();
    let e = workbook::parse(&bad, "book.xlsx").unwrap_err();
    assert_eq!(
        e.to_string(),
        "book.xlsx:3: code added date (workbook column AS, ADD DT): not a real calendar date (YYYYMMDD): \"20251341\""
    );
    let e = workbook::parse(b"not a workbook", "book.xlsx").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Structure);
    let e = workbook::parse(
        &std::fs::read(format!("{DIR}noc_good.xlsx-fixture")).unwrap(),
        "book.xlsx",
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "book.xlsx: header: no header row (HCPC, SEQNUM, RECID, ...) in the first worksheet: \"\""
    );
}

/// A workbook whose cells lie far apart (found by the `level2_xlsx` fuzz target: it made the xlsx
/// reader allocate about 500 GB for the dense range) is a located structure error, not an abort.
#[test]
fn a_workbook_spanning_too_many_cells_is_an_error() {
    let bytes = std::fs::read(format!("{DIR}level2_huge_range.xlsx-fixture")).unwrap();
    let e = hcpcs_import::cms::level2_xlsx::parse(&bytes, "book.xlsx").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Structure, "{e}");
    let text = e.to_string();
    assert!(
        text.starts_with("book.xlsx: worksheet 1: its cells span "),
        "{text}"
    );
    assert!(
        text.contains("more than the 5000000 cells a CMS workbook needs"),
        "{text}"
    );
}

/// The older files' formats, each difference by name (2017-2020 annual files, 2020 workbooks).
mod older_formats {
    use super::*;
    use hcpcs_import::cms::level2_xlsx;

    /// The good fixture as a 2018/2019/2020 annual file: a disclaimer block first, with tabs and
    /// cp1252 bytes (0x92 quote, 0xA0 no-break space), and continuation lines not padded (91 columns).
    fn annual() -> Vec<u8> {
        let mut out: Vec<u8> =
            b"***Disclaimers\r\n\r\n-- Discontinued codes will appear for four years.\r\n".to_vec();
        out.extend_from_slice(b"Note regarding CMS\x92 2020 HCPCS Update\t\t\xa0\r\n\r\n");
        let good = String::from_utf8(good()).unwrap();
        for l in good.split("\r\n") {
            let trimmed = if l
                .as_bytes()
                .get(10)
                .is_some_and(|&b| b == b'4' || b == b'8')
            {
                &l[..91.min(l.len())]
            } else {
                l
            };
            out.extend_from_slice(trimmed.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out
    }

    #[test]
    fn disclaimer_block_before_the_first_record_is_skipped() {
        let bytes = annual();
        assert_eq!(fixed_width::disclaimer_lines(&bytes), 5);
        let old = fixed_width::parse(&bytes, "HCPC2018_CONTR_ANWEB_disc.txt").unwrap();
        let new = fixed_width::parse(&good(), FILE).unwrap();
        assert_eq!(old.len(), new.len());
        for (o, n) in old.iter().zip(&new) {
            assert_eq!(o.line, n.line + 5);
            assert_eq!(
                SourceRecord {
                    line: 0,
                    ..o.clone()
                },
                SourceRecord {
                    line: 0,
                    ..n.clone()
                }
            );
        }
        // The 2017, 2025 and 2026 files have none.
        assert_eq!(fixed_width::disclaimer_lines(&good()), 0);
    }

    #[test]
    fn cp1252_bytes_are_accepted_in_the_disclaimer_only() {
        let mut bytes = annual();
        let at = bytes.windows(5).position(|w| w == b"Q2057").unwrap() + 30;
        bytes[at] = 0x92;
        let e = fixed_width::parse(&bytes, "f.txt").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Encoding, "{e}");
        assert!(e.to_string().contains("byte 0x92 is not ASCII"), "{e}");
    }

    #[test]
    fn continuation_lines_of_91_columns() {
        let bytes = annual();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text
            .lines()
            .any(|l| l.len() == 91 && l.as_bytes()[10] == b'4'));
        let r = fixed_width::parse(&bytes, "f.txt").unwrap();
        let q = r.iter().find(|r| r.code.to_string() == "Q2057").unwrap();
        assert!(
            q.long_description
                .ends_with("procedures, per therapeutic dose"),
            "{}",
            q.long_description
        );
    }

    /// Five records of the 2018 file hold the ASC date in columns 231-238 with no group.
    #[test]
    fn asc_date_two_columns_early_reads_as_no_group_and_that_date() {
        let bytes = with(4, 230, "D20170401  ");
        let r = fixed_width::parse(&bytes, FILE).unwrap();
        let a = r.iter().find(|r| r.code.to_string() == "A4206").unwrap();
        assert_eq!(
            (a.asc_group, a.asc_effective_date),
            (None, NaiveDate::from_ymd_opt(2017, 4, 1))
        );
        // Anything else in 231-232 is still an unknown ASC group.
        let e = fixed_width::parse(&with(4, 231, "20"), FILE).unwrap_err();
        assert_eq!((e.kind, e.line), (ErrorKind::UnknownValue, Some(4)), "{e}");
    }

    /// 2019 (A5513) and 2020 (115 records) leave the action effective date blank: the added date.
    #[test]
    fn blank_action_effective_date_reads_as_the_added_date() {
        let r = fixed_width::parse(&with(4, 277, "        "), FILE).unwrap();
        let a = r.iter().find(|r| r.code.to_string() == "A4206").unwrap();
        assert_eq!(a.action_effective, a.added);
    }

    /// "0000" (two records of 2017-2020) is no note; notes are numbered from 0001.
    #[test]
    fn processing_note_0000_is_no_note() {
        let r = fixed_width::parse(&with(4, 253, "0000"), FILE).unwrap();
        assert_eq!(
            r.iter()
                .find(|r| r.code.to_string() == "A4206")
                .unwrap()
                .processing_note,
            None
        );
        let r = fixed_width::parse(&with(4, 253, "0088"), FILE).unwrap();
        assert_eq!(
            r.iter()
                .find(|r| r.code.to_string() == "A4206")
                .unwrap()
                .processing_note,
            Some(88)
        );
    }

    /// The 2020 workbooks (renamed anweb.xlsx): disclaimer rows (with a ’ and a no-break space) before
    /// the header, and a RECID 4 row that carries the rest of a long description.
    #[test]
    fn workbook_of_2020_with_disclaimer_rows_and_a_recid_4_row() {
        let bytes = std::fs::read(format!("{DIR}level2_2020_layout.xlsx-fixture")).unwrap();
        let r = level2_xlsx::parse(&bytes, "anweb.xlsx").unwrap();
        assert_eq!(
            r.iter().map(|r| r.code.to_string()).collect::<Vec<_>>(),
            ["A1", "Q2057"]
        );
        assert_eq!(r[0].line, 5);
        assert_eq!(
            r[1].long_description,
            "Afamitresgene autoleucel, including leukapheresis and dose preparation procedures, per therapeutic dose"
        );
        let good = std::fs::read(format!("{DIR}level2_good.xlsx-fixture")).unwrap();
        let g = level2_xlsx::parse(&good, "good.xlsx").unwrap();
        assert_eq!(
            SourceRecord {
                line: 0,
                ..r[1].clone()
            },
            SourceRecord {
                line: 0,
                ..g[1].clone()
            }
        );
    }

    /// Blank runs inside a long description are one blank in both formats (the text file wraps at 80
    /// columns, the workbooks keep the unwrapped blanks).
    #[test]
    fn long_descriptions_squeeze_blank_runs() {
        // Two blanks where one was: "Syringe  ith needle, ..." reads with one.
        let r = fixed_width::parse(&with(4, 12, "Syringe  "), FILE).unwrap();
        assert!(
            r[2].long_description.starts_with("Syringe ith needle"),
            "{}",
            r[2].long_description
        );
        assert_eq!(hcpcs_import::cms::squeeze_blanks(" a  b\t c "), "a b c");
    }
}
