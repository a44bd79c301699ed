//! The OPPS Addendum B extract reader on small fixtures: the format differences between the quarters,
//! each by name, and every class of malformed row with its file, line, column and text.

use hcpcs_core::fee::Decimal;
use hcpcs_core::opps::StatusIndicator;
use hcpcs_import::cms::{opps, ErrorKind};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

fn read(f: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{f}")).unwrap()
}

fn with(f: &str, from: &str, to: &str) -> Vec<u8> {
    let b = read(f);
    let s = String::from_utf8_lossy(&b).into_owned();
    assert!(s.contains(from), "{from}");
    // The fixture's one non-UTF-8 byte (0xA0) is kept as it is.
    let at = b
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .unwrap();
    let mut out = b[..at].to_vec();
    out.extend_from_slice(to.as_bytes());
    out.extend_from_slice(&b[at + from.len()..]);
    out
}

#[test]
fn october_2025_layout_quoted_empty_rates_and_a_no_break_space_after_a_code() {
    let rows = opps::parse(&read("opps_good.csv"), "AddendumB_2025_October.csv").unwrap();
    let codes: Vec<String> = rows.iter().map(|r| r.code.to_string()).collect();
    assert_eq!(codes, ["A4341", "G0463", "Q2057", "A9513"]);
    // "A4341\xa0": the trailing no-break space is not part of the code.
    assert_eq!(
        (rows[0].status_indicator, rows[0].payment_rate),
        (StatusIndicator::N, None)
    );
    // `""` is no rate; "770620.0" is 770620.00; three decimals are kept.
    assert_eq!(rows[1].payment_rate, Some(Decimal::new(12_887, 2)));
    assert_eq!(
        rows[2].payment_rate.map(|d| d.to_string()),
        Some("770620.00".into())
    );
    assert_eq!(
        rows[3].payment_rate.map(|d| d.to_string()),
        Some("319.944".into())
    );
    assert!(rows
        .iter()
        .all(|r| r.apc.is_none() && r.relative_weight.is_none()));
}

#[test]
fn january_2026_layout_empty_rates_and_a_source_label_that_is_not_the_release() {
    // The Source column says 2026-02 in the January 2026 file: it is not read.
    let rows = opps::parse(&read("opps_2026_layout.csv"), "AddendumB_2026_January.csv").unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].payment_rate, None);
    assert_eq!(rows[1].payment_rate, Some(Decimal::new(13_602, 2)));
}

#[test]
fn malformed_rows_name_file_line_column_and_text() {
    let f = "b.csv";
    let e = opps::parse(&with("opps_2026_layout.csv", "\"J2\"", "\"J9\""), f).unwrap_err();
    assert_eq!(
        e.to_string(),
        "b.csv:3: StatusIndicator (column 3): not a OPPS status indicator the CMS documentation defines: \"J9\""
    );
    let e = opps::parse(&with("opps_2026_layout.csv", "136.02", "136.0x"), f).unwrap_err();
    assert_eq!(
        (e.kind, e.line, e.text.as_str()),
        (ErrorKind::Number, Some(3), "136.0x")
    );
    let e = opps::parse(&with("opps_2026_layout.csv", "136.02", "136.0212"), f).unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Number, Some(3)));
    let e = opps::parse(&with("opps_2026_layout.csv", "\"G0463\"", "\"G04-3\""), f).unwrap_err();
    assert_eq!(
        (e.kind, e.line, e.field.as_str()),
        (ErrorKind::Code, Some(3), "HCPCSCode (column 1)")
    );
    let e = opps::parse(&with("opps_2026_layout.csv", "\"G0463\"", "\"A4341\""), f).unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Duplicate, Some(3)));
    assert!(e.to_string().contains("the first is on line 2"), "{e}");
    let e = opps::parse(&with("opps_2026_layout.csv", "\"J2\",", "\"J2\",\"x\","), f).unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Structure, Some(3)));
    let e = opps::parse(&with("opps_2026_layout.csv", "StatusIndicator", "SI"), f).unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::Structure, Some(1)));
    assert!(
        e.to_string().contains("no column \"StatusIndicator\""),
        "{e}"
    );
    // Junk after a code other than no-break spaces is an error.
    let e = opps::parse(&with("opps_2026_layout.csv", "\"G0463\"", "\"G0463x\""), f).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Code);
    let e = opps::parse(b"", f).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Empty);
}
