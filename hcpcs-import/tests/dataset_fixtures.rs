//! The fee-schedule, MUE and add-on parsers on small fixtures: good files parse; each class of
//! malformed row fails with the file, row, column and text.

use hcpcs_core::fee::*;
use hcpcs_import::cms::{add_on as aoc, fee_schedule as pfs, mue, ErrorKind, SourceError};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

fn read(f: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{f}")).unwrap()
}

/// The fixture with `from` replaced by `to` (once).
fn with(f: &str, from: &str, to: &str) -> Vec<u8> {
    let s = String::from_utf8(read(f)).unwrap();
    assert!(s.contains(from), "{from}");
    s.replacen(from, to, 1).into_bytes()
}

fn check(e: &SourceError, kind: ErrorKind, file: &str, line: usize, field: &str, text: &str) {
    assert_eq!((e.kind, e.line), (kind, Some(line)), "{e}");
    assert!(e.field.contains(field), "{e}");
    assert_eq!(e.text, text, "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{file}:{line}: {}", e.field)),
        "{e}"
    );
}

#[test]
fn fee_schedule_fixture() {
    let rows = pfs::parse(&read("fee_schedule_good.csv"), "pfs.csv").unwrap();
    assert_eq!(rows.len(), 4);
    let g = &rows[1];
    assert_eq!(
        (g.code.to_string(), g.status, g.global_days),
        (
            "G0105".to_string(),
            PfsStatus::Active,
            GlobalDays::Endoscopic
        )
    );
    assert_eq!(g.work_rvu, Decimal::new(326, 2));
    assert_eq!(g.conversion_factor, Decimal::new(323_465, 4));
    assert_eq!(
        rows[2].modifier.map(|m| m.to_string()),
        Some("53".to_string())
    );
    let tc = &rows[3];
    assert!(tc.non_facility_na && !tc.facility_na);
    assert_eq!(
        (tc.pctc, tc.imaging_family, tc.physician_supervision),
        (
            PcTc::DiagnosticTest,
            DiagnosticImagingFamily::ImagingReduction,
            PhysicianSupervision::Direct
        )
    );
}

#[test]
fn fee_schedule_malformed_rows() {
    let f = "pfs.csv";
    let e = pfs::parse(
        &with(
            "fee_schedule_good.csv",
            "G0008,,Admin influenza virus vac,X",
            "G0008,,Admin influenza virus vac,Q",
        ),
        f,
    )
    .unwrap_err();
    check(
        &e,
        ErrorKind::UnknownValue,
        f,
        8,
        "STATUS CODE (column 4)",
        "Q",
    );
    let e = pfs::parse(&with("fee_schedule_good.csv", "3.26,7.57", "3.2x,7.57"), f).unwrap_err();
    check(&e, ErrorKind::Number, f, 9, "WORK RVU (column 6)", "3.2x");
    let e = pfs::parse(&with("fee_schedule_good.csv", "3.26,7.57", "3.261,7.57"), f).unwrap_err();
    check(&e, ErrorKind::Number, f, 9, "WORK RVU (column 6)", "3.261");
    let e = pfs::parse(&with("fee_schedule_good.csv", ",XXX,0.00", ",XYZ,0.00"), f).unwrap_err();
    check(
        &e,
        ErrorKind::UnknownValue,
        f,
        8,
        "GLOB DAYS (column 15)",
        "XYZ",
    );
    let e = pfs::parse(
        &with("fee_schedule_good.csv", "32.3465,02", "32.3465,08"),
        f,
    )
    .unwrap_err();
    check(
        &e,
        ErrorKind::UnknownValue,
        f,
        11,
        "PHYSICIAN SUPERVISION",
        "08",
    );
    let e = pfs::parse(
        &with(
            "fee_schedule_good.csv",
            "0.61,0.61,1,XXX",
            "0.61,0.61,1,XXX,extra",
        ),
        f,
    )
    .unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Structure, Some(11)), "{e}");
    let e = pfs::parse(&with("fee_schedule_good.csv", "G0105,53,", "G0105,,"), f).unwrap_err();
    check(&e, ErrorKind::Duplicate, f, 10, "HCPCS (column 1)", "G0105");
    let e = pfs::parse(&with("fee_schedule_good.csv", "G0130,TC", "G01-0,TC"), f).unwrap_err();
    check(&e, ErrorKind::Code, f, 11, "HCPCS (column 1)", "G01-0");
    let e = pfs::parse(
        &with(
            "fee_schedule_good.csv",
            "HCPCS,MOD,DESCRIPTION,CODE",
            "HCPCS,MOD,DESCRIPTION,STATUS",
        ),
        f,
    )
    .unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Structure, Some(7)), "{e}");
    assert!(e.to_string().contains("\"STATUS STATUS\""), "{e}");
    let e = pfs::parse(b"no header here\n", f).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Structure);
}

/// The 2026 layout (32 columns, PRIC IND between TEAM SURG and ENDO BASE) is read by the same code,
/// by column name: a moved column reads the same values; an unknown or missing column fails with its
/// name; CMS's placeholder codes (GXXX1) are set aside, not read as codes.
#[test]
fn fee_schedule_2026_layout_by_column_name() {
    let f = "fee_schedule_2026_good.csv";
    let (rows, placeholders) = pfs::parse_file(&read(f), f).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(placeholders, [(10, "GXXX1".to_string())]);
    let g = &rows[0];
    assert_eq!(g.code.to_string(), "G0105");
    assert_eq!(g.pricing_indicator.map(|p| p.code()), Some("9"));
    assert_eq!(
        (g.work_rvu, g.non_facility_total),
        (Decimal::new(318, 2), Decimal::new(1132, 2))
    );
    assert_eq!(g.conversion_factor, Decimal::new(334_009, 4));
    assert_eq!(g.endoscopic_base, None);
    assert_eq!(g.physician_supervision, PhysicianSupervision::NotApplicable);
    // The 2025 layout has no PRIC IND.
    let old = pfs::parse(&read("fee_schedule_good.csv"), "old.csv").unwrap();
    assert!(old.iter().all(|r| r.pricing_indicator.is_none()));
    // parse() refuses the placeholder row, naming it.
    let e = pfs::parse(&read(f), f).unwrap_err();
    check(&e, ErrorKind::Code, f, 10, "HCPCS (column 1)", "GXXX1");

    // Move PRIC IND to the end of every row (header included): the same rows come back.
    let text = String::from_utf8(read(f)).unwrap();
    let moved: String = text
        .split("\r\n")
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            if cells.len() > 24 {
                let c = cells.remove(23);
                cells.push(c);
            }
            cells.join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    // (Row 10 has a quoted comma in its description; it moves by one more cell but is set aside.)
    let (again, _) = pfs::parse_file(moved.as_bytes(), f).unwrap();
    assert_eq!(
        again
            .iter()
            .map(|r| (r.code, r.pricing_indicator, r.conversion_factor))
            .collect::<Vec<_>>(),
        rows.iter()
            .map(|r| (r.code, r.pricing_indicator, r.conversion_factor))
            .collect::<Vec<_>>()
    );

    let e = pfs::parse_file(text.replacen("TEAM,PRIC", "TEAM,PRICE", 1).as_bytes(), f).unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Structure, Some(7)), "{e}");
    assert!(e.to_string().contains("\"PRICE IND\""), "{e}");
    let e = pfs::parse_file(text.replacen("CONV,", ",", 1).as_bytes(), f).unwrap_err();
    assert!(e.to_string().contains("FACTOR"), "{e}");
}

#[test]
fn mue_fixture_and_malformed_rows() {
    let f = "mue.csv";
    let rows = mue::parse(&read("mue-good.csv"), f).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        (
            rows[1].code.to_string(),
            rows[1].value,
            rows[1].adjudication
        ),
        ("Q2057".to_string(), 1, MueAdjudication::DateOfServicePolicy)
    );
    assert_eq!(rows[2].value, 800);
    // Line numbers count the physical lines, header line breaks included.
    assert_eq!(rows[0].line, 5);
    let e = mue::parse(
        &with("mue-good.csv", "Q2057,1,2 Date", "Q2057,one,2 Date"),
        f,
    )
    .unwrap_err();
    check(
        &e,
        ErrorKind::Number,
        f,
        6,
        "Practitioner Services MUE Values (column 2)",
        "one",
    );
    let e = mue::parse(
        &with(
            "mue-good.csv",
            "2 Date of Service Edit: Policy",
            "4 Date of Service Edit: Policy",
        ),
        f,
    )
    .unwrap_err();
    check(
        &e,
        ErrorKind::UnknownValue,
        f,
        6,
        "MUE Adjudication Indicator (column 3)",
        "4 Date of Service Edit: Policy",
    );
    let e = mue::parse(
        &with(
            "mue-good.csv",
            "2 Date of Service Edit: Policy",
            "2 Line Edit",
        ),
        f,
    )
    .unwrap_err();
    check(
        &e,
        ErrorKind::UnknownValue,
        f,
        6,
        "MUE Adjudication Indicator",
        "2 Line Edit",
    );
    let e = mue::parse(
        &with(
            "mue-good.csv",
            "J0585,800,3 Date of Service Edit: Clinical,Clinical: Data",
            "J0585,800,3 Date of Service Edit: Clinical,Whim",
        ),
        f,
    )
    .unwrap_err();
    check(
        &e,
        ErrorKind::UnknownValue,
        f,
        7,
        "MUE Rationale (column 4)",
        "Whim",
    );
    let e = mue::parse(&with("mue-good.csv", "J0585,800", "G0008,800"), f).unwrap_err();
    check(
        &e,
        ErrorKind::Duplicate,
        f,
        7,
        "HCPCS/CPT Code (column 1)",
        "G0008",
    );
}

#[test]
fn add_on_fixture_and_malformed_rows() {
    let f = "aoc.xlsx";
    let rows = aoc::parse(&read("add_on_good.xlsx-fixture"), f).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        (rows[0].edit_type, rows[0].primary),
        (AocEditType::PrimaryNotSpecified, None)
    );
    assert_eq!(
        rows[0].note.as_deref(),
        Some("Contractor Defined Primary Codes")
    );
    assert_eq!(rows[1].effective.to_string(), "2022-01-01");
    assert_eq!(
        rows[1].deleted.map(|d| d.to_string()),
        Some("2022-12-31".to_string())
    );
    assert_eq!(
        aoc::julian("2016366").map(|d| d.to_string()),
        Some("2016-12-31".to_string())
    );
    assert_eq!(aoc::julian("2015366"), None);
    let e = aoc::parse(&read("add_on_bad_date.xlsx-fixture"), f).unwrap_err();
    check(
        &e,
        ErrorKind::Date,
        f,
        4,
        "AOC_Edit_EffDT (column 6)",
        "2022400",
    );
    let e = aoc::parse(&read("add_on_bad_type.xlsx-fixture"), f).unwrap_err();
    check(
        &e,
        ErrorKind::UnknownValue,
        f,
        4,
        "AOC_Edit_Type (column 1)",
        "4",
    );
    let e = aoc::parse(&read("add_on_bad_header.xlsx-fixture"), f).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Structure, "{e}");
    assert_eq!(
        aoc::parse(b"PK\x03\x04 not really", f).unwrap_err().kind,
        ErrorKind::Structure
    );
}
