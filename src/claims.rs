//! Claim-line checks: what a claims engine asks of every line, answered from the compiled datasets.
//!
//! [`check_claim`] takes the lines of one claim and returns every [`Finding`]: a malformed or unknown
//! code, a code not valid on its date of service (not yet added, or terminated, with the code CMS
//! cross-references as its replacement), a malformed or unknown modifier, units above the MUE (per
//! line or per day, as the adjudication indicator says), an add-on code billed without any of its
//! primary codes on the claim, and — never silently — "this build cannot tell" where the data is not
//! compiled (a CPT or CDT code without the `cpt` feature, a date in a quarter whose HCPCS release is
//! not compiled).
//!
//! ```
//! use hcpcs::claims::{check_claim, FindingKind, Line};
//! let day = hcpcs::NaiveDate::from_ymd_opt(2026, 2, 10).unwrap();
//! let lines = [
//!     Line { number: 2, claim: "C1", code: "Q2057", modifiers: "", date: day, units: 2 },
//!     Line { number: 3, claim: "C1", code: "G0567", modifiers: "ZZ", date: day, units: 1 },
//! ];
//! let kinds: Vec<FindingKind> = check_claim(&lines).iter().map(|f| f.kind).collect();
//! assert!(kinds.contains(&FindingKind::UnitsAboveMue));     // Q2057's MUE is 1
//! assert!(kinds.contains(&FindingKind::UnknownModifier));   // ZZ is no Level II modifier
//! ```
//!
//! What it does not check: CPT modifiers (`25`, `59`; their list is AMA's, not in this crate), NCCI
//! procedure-to-procedure edits, coverage, medical necessity, place of service.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::history::{self, HistoryError};
use crate::{add_on, mue, Code, HcpcsCode, Modifier};

/// One claim line, as the checks need it. Text fields are as the input had them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// The line's number in the input (for findings).
    pub number: usize,
    /// The claim it belongs to.
    pub claim: &'a str,
    /// The procedure code, as written.
    pub code: &'a str,
    /// The modifiers, separated by blanks, `:` or `;` (`"59 LT"`); empty for none.
    pub modifiers: &'a str,
    /// The date of service.
    pub date: NaiveDate,
    /// Units of service.
    pub units: u32,
}

/// What is wrong with a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum FindingKind {
    /// The input line is not a claim line (wrong number of fields, a bad date, bad units).
    BadLine,
    /// The code is not a well-formed code.
    MalformedCode,
    /// A well-formed HCPCS Level II code that the release in force on the date does not have.
    UnknownCode,
    /// The code (or a Level II modifier) was added after the date of service.
    NotYetValid,
    /// The code (or a Level II modifier) was terminated before the date of service (the detail names
    /// CMS's replacement).
    Terminated,
    /// A modifier is not well-formed.
    MalformedModifier,
    /// A well-formed HCPCS Level II modifier that the release does not have.
    UnknownModifier,
    /// More units than the MUE allows, per line or per day (the detail names the indicator).
    UnitsAboveMue,
    /// An add-on code with none of its primary codes on the claim (same date of service).
    AddOnWithoutPrimary,
    /// This build does not carry the data the check needs: a CPT or CDT code's MUE and add-on edits
    /// (feature `cpt`), or the HCPCS release of the date's quarter.
    DataNotCompiled,
}

impl FindingKind {
    /// Every kind, in order.
    pub const ALL: [FindingKind; 10] = [
        FindingKind::BadLine,
        FindingKind::MalformedCode,
        FindingKind::UnknownCode,
        FindingKind::NotYetValid,
        FindingKind::Terminated,
        FindingKind::MalformedModifier,
        FindingKind::UnknownModifier,
        FindingKind::UnitsAboveMue,
        FindingKind::AddOnWithoutPrimary,
        FindingKind::DataNotCompiled,
    ];

    /// The kind's name in output (`units_above_mue`).
    pub const fn name(self) -> &'static str {
        match self {
            FindingKind::BadLine => "bad_line",
            FindingKind::MalformedCode => "malformed_code",
            FindingKind::UnknownCode => "unknown_code",
            FindingKind::NotYetValid => "not_yet_valid",
            FindingKind::Terminated => "terminated",
            FindingKind::MalformedModifier => "malformed_modifier",
            FindingKind::UnknownModifier => "unknown_modifier",
            FindingKind::UnitsAboveMue => "units_above_mue",
            FindingKind::AddOnWithoutPrimary => "add_on_without_primary",
            FindingKind::DataNotCompiled => "data_not_compiled",
        }
    }
}

impl core::fmt::Display for FindingKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// One problem of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The line's number in the input.
    pub line: usize,
    /// What kind of problem.
    pub kind: FindingKind,
    /// For people: the code, the dates, the limit, the replacement.
    pub detail: String,
}

/// The release that judges a line dated `date`: the one in force, or — for a date in a quarter whose
/// release is not compiled, or before the oldest — the newest compiled release before it (the oldest),
/// with the [`FindingKind::DataNotCompiled`] detail that says so.
fn release_for(date: NaiveDate) -> (history::View, Option<String>) {
    match history::as_of(date) {
        Ok(view) => (view, None),
        Err(e @ HistoryError::QuarterNotCompiled { newest_before, .. }) => (
            history::View::of(newest_before),
            Some(format!("{e}; checked against {}", newest_before.name())),
        ),
        Err(e) => {
            let oldest = crate::releases().next().unwrap_or_else(crate::release);
            (
                history::View::of(oldest),
                Some(format!("{e}; checked against {}", oldest.name())),
            )
        }
    }
}

fn modifiers(text: &str) -> impl Iterator<Item = &str> {
    text.split([' ', ':', ';', '|']).filter(|m| !m.is_empty())
}

/// Every finding of one claim's lines, in line order (a line may have several).
pub fn check_claim(lines: &[Line<'_>]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push =
        |line: usize, kind: FindingKind, detail: String| out.push(Finding { line, kind, detail });
    // The procedure codes of the claim by date (for add-on primaries), and MUE units per code and day.
    let mut on_claim: HashMap<(HcpcsCode, NaiveDate), u32> = HashMap::new();
    let mut parsed: Vec<Option<HcpcsCode>> = Vec::with_capacity(lines.len());
    for l in lines {
        let code = match Code::parse(l.code) {
            Err(e) => {
                push(
                    l.number,
                    FindingKind::MalformedCode,
                    format!("{:?}: {e}", l.code),
                );
                parsed.push(None);
                continue;
            }
            Ok(Code::Modifier(m)) => {
                push(
                    l.number,
                    FindingKind::MalformedCode,
                    format!("{m} is a modifier, not a procedure code"),
                );
                parsed.push(None);
                continue;
            }
            Ok(Code::Procedure(p)) => p,
        };
        parsed.push(Some(code));
        *on_claim.entry((code, l.date)).or_default() += l.units;
        let (view, not_compiled) = release_for(l.date);
        if let Some(detail) = not_compiled {
            push(l.number, FindingKind::DataNotCompiled, detail);
        }
        check_code(l, code, view, &mut push);
        for m in modifiers(l.modifiers) {
            match Modifier::parse(m) {
                Err(e) => push(
                    l.number,
                    FindingKind::MalformedModifier,
                    format!("{m:?}: {e}"),
                ),
                // A CPT modifier's list is AMA's: not checked.
                Ok(m) if m.is_cpt() => {}
                Ok(m) => match view.record(Code::Modifier(m)) {
                    Some(r) => dates(l, &Code::Modifier(m).to_string(), r, &mut push),
                    None => push(
                        l.number,
                        FindingKind::UnknownModifier,
                        format!(
                            "{m} is not a HCPCS Level II modifier of release {}",
                            view.release().name()
                        ),
                    ),
                },
            }
        }
    }
    // MUE: a line edit per line; a date-of-service edit on the units of the day.
    let mut reported_day: HashMap<(HcpcsCode, NaiveDate), ()> = HashMap::new();
    for (l, code) in lines.iter().zip(&parsed) {
        let Some(code) = *code else { continue };
        match mue::get(code) {
            Ok(Some(m)) => {
                let per_line = m.adjudication() == mue::MueAdjudication::LineEdit;
                let units = if per_line {
                    l.units
                } else {
                    on_claim[&(code, l.date)]
                };
                if units > m.value()
                    && (per_line || reported_day.insert((code, l.date), ()).is_none())
                {
                    push(
                        l.number,
                        FindingKind::UnitsAboveMue,
                        format!(
                            "{code}: {units} units {}, MUE {} ({} {})",
                            if per_line {
                                "on the line"
                            } else {
                                "on the day"
                            },
                            m.value(),
                            m.adjudication().code(),
                            m.adjudication().description()
                        ),
                    );
                }
            }
            Ok(None) => {}
            Err(e) => push(l.number, FindingKind::DataNotCompiled, format!("MUE: {e}")),
        }
        // Add-on codes: one of their primary codes in force on the date must be on the claim that day.
        match add_on::primaries_of(code) {
            Ok(rel) if rel.is_empty() && rel.is_complete() => {} // not an add-on code
            Ok(rel) => {
                let in_force: Vec<_> = rel.in_force_on(l.date).collect();
                let contractor = in_force.iter().any(|e| e.primary().is_none());
                let found = in_force
                    .iter()
                    .filter_map(|e| e.primary())
                    .any(|p| on_claim.contains_key(&(p, l.date)));
                if found || contractor {
                    continue;
                }
                if !rel.is_complete() {
                    push(
                        l.number,
                        FindingKind::DataNotCompiled,
                        format!("{code} is an add-on code; {} of its primary relations are with CPT/CDT codes this build does not carry", rel.not_carried()),
                    );
                } else if !in_force.is_empty() {
                    push(
                        l.number,
                        FindingKind::AddOnWithoutPrimary,
                        format!("{code} is an add-on code; none of its {} primary codes is on the claim on {}", in_force.len(), l.date),
                    );
                }
            }
            Err(e) => push(
                l.number,
                FindingKind::DataNotCompiled,
                format!("add-on edits: {e}"),
            ),
        }
    }
    out.sort_by_key(|f| (f.line, f.kind));
    out
}

fn check_code(
    l: &Line<'_>,
    code: HcpcsCode,
    view: history::View,
    push: &mut impl FnMut(usize, FindingKind, String),
) {
    if !code.shape().is_level2() {
        // CPT and CDT codes are not in the HCPCS Level II file: their validity is not checked here;
        // the dataset checks say what this build cannot tell.
        return;
    }
    let Some(r) = view.record(Code::Procedure(code)) else {
        push(
            l.number,
            FindingKind::UnknownCode,
            format!("{code} is not in HCPCS release {}", view.release().name()),
        );
        return;
    };
    dates(l, &code.to_string(), r, push);
}

/// A code's or modifier's added and termination dates against the date of service.
fn dates(
    l: &Line<'_>,
    what: &str,
    r: &crate::Record,
    push: &mut impl FnMut(usize, FindingKind, String),
) {
    if l.date < r.added() {
        push(
            l.number,
            FindingKind::NotYetValid,
            format!(
                "{what} was added on {}, after the date of service {}",
                r.added(),
                l.date
            ),
        );
    } else if let Some(t) = r.terminated().filter(|t| l.date > *t) {
        let by: Vec<String> = r.replaced_by().map(|x| x.code().to_string()).collect();
        let replaced = if by.is_empty() {
            String::new()
        } else {
            format!("; CMS cross-references {}", by.join(", "))
        };
        push(
            l.number,
            FindingKind::Terminated,
            format!(
                "{what} was terminated on {t}, before the date of service {}{replaced}",
                l.date
            ),
        );
    }
}

/// The header line of the claim-line CSV that [`read_csv`] reads.
pub const CSV_HEADER: &str = "claim_id,code,modifiers,date_of_service,units";

/// Claim lines read from CSV text, and the findings of the lines that are not claim lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch<'a> {
    /// The claim lines.
    pub lines: Vec<Line<'a>>,
    /// One [`FindingKind::BadLine`] per input line that is not a claim line.
    pub bad: Vec<Finding>,
}

/// Why CSV text cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the first line must be the header {CSV_HEADER:?}, not {found:?}")]
pub struct HeaderError {
    /// The first line as found.
    pub found: String,
}

/// Reads claim-line CSV: the header [`CSV_HEADER`], then one line per claim line: claim id, code,
/// modifiers (separated by blanks, `:` or `;`; empty for none), date of service `YYYY-MM-DD`, units
/// (a whole number). Fields are not quoted. Blank lines are skipped; a line that is not a claim line
/// is a [`FindingKind::BadLine`] with its number, never the end of the run. Line numbers are 1-based,
/// the header is line 1.
///
/// ```
/// use hcpcs::claims::{read_csv, FindingKind};
/// let text = "claim_id,code,modifiers,date_of_service,units\nC1,Q2057,,2026-02-10,1\nC1,Q2057,,2026-02-30,1\n";
/// let batch = read_csv(text).unwrap();
/// assert_eq!(batch.lines.len(), 1);
/// assert_eq!((batch.bad[0].line, batch.bad[0].kind), (3, FindingKind::BadLine));
/// ```
pub fn read_csv(text: &str) -> Result<Batch<'_>, HeaderError> {
    let mut rows = text.lines().enumerate();
    let header = rows
        .next()
        .map_or("", |(_, h)| h.trim_start_matches('\u{feff}').trim_end());
    if header != CSV_HEADER {
        return Err(HeaderError {
            found: header.to_string(),
        });
    }
    let mut batch = Batch::default();
    for (i, row) in rows {
        let number = i + 1;
        let row = row.trim_end_matches('\r');
        if row.trim().is_empty() {
            continue;
        }
        let bad = |detail: String| Finding {
            line: number,
            kind: FindingKind::BadLine,
            detail,
        };
        let f: Vec<&str> = row.split(',').collect();
        if f.len() != 5 {
            batch.bad.push(bad(format!(
                "{} fields, expected 5 ({CSV_HEADER}): {row:?}",
                f.len()
            )));
            continue;
        }
        let Some(date) = hcpcs_core::date::parse_ymd(f[3].trim()) else {
            batch.bad.push(bad(format!(
                "date of service {:?} is not a real YYYY-MM-DD date",
                f[3]
            )));
            continue;
        };
        let units = match f[4].trim() {
            u if !u.is_empty() && u.bytes().all(|b| b.is_ascii_digit()) => u.parse().ok(),
            _ => None,
        };
        let Some(units) = units else {
            batch
                .bad
                .push(bad(format!("units {:?} is not a whole number", f[4])));
            continue;
        };
        if f[0].trim().is_empty() {
            batch.bad.push(bad("no claim id".into()));
            continue;
        }
        batch.lines.push(Line {
            number,
            claim: f[0].trim(),
            code: f[1],
            modifiers: f[2],
            date,
            units,
        });
    }
    Ok(batch)
}

/// Checks every claim of `lines` (lines with the same claim id form a claim, wherever they stand) and
/// returns all findings, in line order.
pub fn check_all(lines: &[Line<'_>]) -> Vec<Finding> {
    let mut claims: HashMap<&str, Vec<Line<'_>>> = HashMap::new();
    for l in lines {
        claims.entry(l.claim).or_default().push(*l);
    }
    let mut out: Vec<Finding> = claims.values().flat_map(|c| check_claim(c)).collect();
    out.sort_by_key(|f| (f.line, f.kind));
    out
}
