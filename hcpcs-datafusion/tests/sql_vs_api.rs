//! Every function, in SQL over a generated table, against the hcpcs crate's own Rust API, row by row:
//! every code and modifier of every compiled release (as written, lowercased, padded), malformed text,
//! CPT and CDT shapes, nulls, and dates in every compiled quarter, in the gaps, before the first and
//! after the last. Each code column is read as Utf8, LargeUtf8 and Utf8View.

use std::collections::BTreeSet;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, Date32Array, RecordBatch, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::util::display::array_value_to_string;
use datafusion::prelude::SessionContext;
use hcpcs::history::{self, HistoryError};
use hcpcs::{Code, CodeShape, LookupError, NaiveDate};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Malformed text, other shapes, and edge cases no release holds.
const ODD: &[&str] = &[
    "",
    " ",
    "Q20X7",
    "Q2057Q",
    "Q205",
    "QQ2057",
    "Q2057\u{e9}",
    "\u{e9}",
    "Q 2057",
    "Q2057\t",
    "\tQ2057",
    "99213",
    "0708T",
    "0001F",
    "0001U",
    "0002M",
    "D0120",
    "d0120",
    "25",
    "59",
    "1P",
    "ZZ",
    "Z9999",
    "zz",
    "L",
    "TCX",
    "26",
    "53",
    "tc",
    " TC ",
    "X",
    "123456",
    "-1",
];

/// Every code and modifier any compiled release has, as CMS writes it.
fn every_code() -> Vec<String> {
    let mut set = BTreeSet::new();
    for r in hcpcs::releases() {
        for rec in history::View::of(r).records() {
            set.insert(rec.code().to_string());
        }
    }
    set.into_iter().collect()
}

/// The dates the lines are spread over: every compiled quarter (first and last day), the gaps, before
/// the first release and after the last.
fn dates() -> Vec<NaiveDate> {
    let mut out = vec![
        d(2016, 12, 31),
        d(2030, 1, 1),
        d(2026, 4, 1),
        d(2026, 6, 30),
    ];
    for r in hcpcs::releases() {
        out.push(r.effective());
        out.push(r.in_force_until());
    }
    out.extend(history::missing_quarters());
    for q in hcpcs::opps::releases() {
        out.push(q.effective());
    }
    out
}

/// The modifiers the fee-schedule lines carry.
const MODIFIERS: &[Option<&str>] = &[
    None,
    Some(""),
    Some("TC"),
    Some("26"),
    Some("53"),
    Some("59"),
    Some("lt"),
    Some(" tc"),
    Some("Q20X7"),
    Some("ZZ"),
    Some("Q2057"),
];

struct Lines {
    codes: Vec<Option<String>>,
    others: Vec<Option<String>>,
    dates: Vec<Option<NaiveDate>>,
}

fn lines() -> Lines {
    let mut codes: Vec<Option<String>> = Vec::new();
    for c in every_code() {
        codes.push(Some(c.to_lowercase()));
        codes.push(Some(format!("  {c} ")));
        codes.push(Some(c));
    }
    codes.extend(ODD.iter().map(|s| Some(s.to_string())));
    codes.push(None);
    // Add-on relations, both ways round, so that addon_has_primary meets true answers.
    for e in hcpcs::add_on::all() {
        if let Some(p) = e.primary() {
            codes.push(Some(e.add_on().to_string()));
            codes.push(Some(p.to_string()));
        }
    }
    let ds = dates();
    let n = codes.len();
    let mut others = Vec::with_capacity(n);
    let mut dates = Vec::with_capacity(n);
    for i in 0..n {
        // The second code argument: the next line's code (an add-on's primary, for the relation rows)
        // or a modifier.
        others.push(if i % 3 == 2 {
            MODIFIERS[i % MODIFIERS.len()].map(str::to_string)
        } else {
            codes.get(i + 1).cloned().flatten()
        });
        dates.push((i % 97 != 0).then(|| ds[i % ds.len()]));
    }
    Lines {
        codes,
        others,
        dates,
    }
}

fn to_day(date: NaiveDate) -> i32 {
    (date - d(1970, 1, 1)).num_days() as i32
}

async fn context(l: &Lines) -> SessionContext {
    let code: ArrayRef = Arc::new(StringArray::from(l.codes.clone()));
    let other: ArrayRef = Arc::new(StringArray::from(l.others.clone()));
    let dos: ArrayRef = Arc::new(Date32Array::from(
        l.dates.iter().map(|d| d.map(to_day)).collect::<Vec<_>>(),
    ));
    let id: ArrayRef = Arc::new(datafusion::arrow::array::Int64Array::from_iter_values(
        0..l.codes.len() as i64,
    ));
    let mut fields = vec![Field::new("id", DataType::Int64, false)];
    let mut cols = vec![id];
    for (name, a) in [("code", &code), ("other", &other)] {
        for (suffix, t) in [
            ("utf8", DataType::Utf8),
            ("large", DataType::LargeUtf8),
            ("view", DataType::Utf8View),
        ] {
            fields.push(Field::new(format!("{name}_{suffix}"), t.clone(), true));
            cols.push(cast(a, &t).unwrap());
        }
    }
    fields.push(Field::new("dos", DataType::Date32, true));
    cols.push(dos);
    let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).unwrap();
    let ctx = SessionContext::new();
    hcpcs_datafusion::register(&ctx);
    ctx.register_batch("lines", batch).unwrap();
    ctx
}

/// The SQL result of `expr` (with `{code}`/`{other}` for the columns of one layout), one cell a line
/// as text (`None` for NULL), in line order.
async fn column(ctx: &SessionContext, expr: &str, layout: &str) -> Vec<Option<String>> {
    let e = expr
        .replace("{code}", &format!("code_{layout}"))
        .replace("{other}", &format!("other_{layout}"));
    let sql = format!("SELECT {e} AS v FROM lines ORDER BY id");
    let batches = ctx.sql(&sql).await.unwrap().collect().await.unwrap();
    let mut out = Vec::new();
    for b in batches {
        let a = b.column(0);
        for i in 0..a.len() {
            out.push((!a.is_null(i)).then(|| array_value_to_string(a, i).unwrap()));
        }
    }
    out
}

async fn check(
    ctx: &SessionContext,
    l: &Lines,
    expr: &str,
    want: impl Fn(Option<&str>, Option<&str>, Option<NaiveDate>) -> Option<String>,
) {
    let expected: Vec<Option<String>> = (0..l.codes.len())
        .map(|i| want(l.codes[i].as_deref(), l.others[i].as_deref(), l.dates[i]))
        .collect();
    // The expectations themselves must not be one answer for every line.
    let distinct: BTreeSet<&Option<String>> = expected.iter().collect();
    assert!(
        distinct.len() >= 2,
        "{expr}: every line expects {distinct:?}"
    );
    for layout in ["utf8", "large", "view"] {
        let got = column(ctx, expr, layout).await;
        assert_eq!(got.len(), expected.len(), "{expr} ({layout})");
        let wrong: Vec<String> = (0..got.len())
            .filter(|&i| got[i] != expected[i])
            .take(5)
            .map(|i| {
                format!(
                    "line {i}: code {:?} other {:?} date {:?}: SQL {:?}, crate {:?}",
                    l.codes[i], l.others[i], l.dates[i], got[i], expected[i]
                )
            })
            .collect();
        assert!(wrong.is_empty(), "{expr} ({layout}):\n{}", wrong.join("\n"));
    }
}

fn b(v: bool) -> String {
    v.to_string()
}

/// The crate's answer to "is this text a code of the release": yes, no, or (a CPT or CDT shape)
/// the Level II file cannot tell.
fn level2_verdict(r: Result<&hcpcs::Record, LookupError>) -> Option<bool> {
    match r {
        Ok(_) => Some(true),
        Err(LookupError::NotInSet { shape, .. }) if !shape.is_level2() => None,
        Err(_) => Some(false),
    }
}

/// Text answers are NULL where the crate has none.
fn text(v: Option<&'static str>) -> Option<String> {
    v.map(str::to_string)
}

#[tokio::test]
async fn every_function_agrees_with_the_rust_api_on_every_line() {
    let l = lines();
    assert!(l.codes.len() > 25_000, "{} lines", l.codes.len());
    let ctx = context(&l).await;

    check(&ctx, &l, "hcpcs_is_valid({code})", |c, _, _| {
        level2_verdict(hcpcs::lookup(c?)).map(b)
    })
    .await;
    check(&ctx, &l, "hcpcs_is_valid_on({code}, dos)", |c, _, date| {
        let (c, date) = (c?, date?);
        let view = match history::as_of(date) {
            Ok(v) => v,
            Err(
                HistoryError::QuarterNotCompiled { .. } | HistoryError::BeforeFirstRelease { .. },
            ) => return None,
            Err(e) => panic!("{e}"),
        };
        match view.lookup(c) {
            Ok(r) => Some(b(r.is_valid_on(date))),
            Err(e) => level2_verdict(Err(e)).map(b),
        }
    })
    .await;
    check(&ctx, &l, "hcpcs_release_on(dos)", |_, _, date| {
        history::as_of(date?).ok().map(|v| v.release().name())
    })
    .await;
    check(&ctx, &l, "hcpcs_shape({code})", |c, _, _| {
        CodeShape::classify(c?)
            .ok()
            .map(|s| hcpcs_datafusion::shape_name(s).to_string())
    })
    .await;
    check(&ctx, &l, "hcpcs_short_description({code})", |c, _, _| {
        text(hcpcs::get(c?)?.short_description())
    })
    .await;
    check(&ctx, &l, "hcpcs_long_description({code})", |c, _, _| {
        text(hcpcs::get(c?)?.long_description())
    })
    .await;
    check(&ctx, &l, "hcpcs_coverage({code})", |c, _, _| {
        text(Some(hcpcs::get(c?)?.coverage().code()))
    })
    .await;
    check(&ctx, &l, "hcpcs_betos({code})", |c, _, _| {
        text(Some(hcpcs::get(c?)?.betos()?.code()))
    })
    .await;
    check(&ctx, &l, "hcpcs_action({code})", |c, _, _| {
        text(Some(hcpcs::get(c?)?.action().code()))
    })
    .await;
    check(&ctx, &l, "hcpcs_terminated({code})", |c, _, _| {
        hcpcs::get(c?)?.terminated().map(|d| d.to_string())
    })
    .await;
    check(
        &ctx,
        &l,
        "hcpcs_modifier_is_valid({code})",
        |c, _, _| match c?.parse::<hcpcs::Modifier>() {
            Ok(m) if m.is_cpt() => None,
            Ok(m) => Some(b(hcpcs::modifier(m).is_some())),
            Err(_) => Some(b(false)),
        },
    )
    .await;
    check(&ctx, &l, "hcpcs_data_compiled({code})", |c, _, _| {
        Some(b(hcpcs::mue::get(c?).is_ok()))
    })
    .await;
    check(&ctx, &l, "pfs_status({code})", |c, _, _| {
        let row = hcpcs::fee_schedule::row(c?, None).ok()??;
        text(Some(row.status().code()))
    })
    .await;
    check(&ctx, &l, "pfs_status({code}, {other})", |c, m, _| {
        let (c, m) = (c?, m?);
        let modifiers: Vec<hcpcs::Modifier> = if m.trim().is_empty() {
            Vec::new()
        } else {
            match Code::parse(m) {
                Ok(Code::Modifier(m)) => vec![m],
                _ => return None,
            }
        };
        let row = hcpcs::fee_schedule::row_for(c, &modifiers).ok()??;
        text(Some(row.status().code()))
    })
    .await;
    check(&ctx, &l, "mue_value({code})", |c, _, _| {
        Some(hcpcs::mue::get(c?).ok()??.value().to_string())
    })
    .await;
    check(&ctx, &l, "mue_adjudication({code})", |c, _, _| {
        text(Some(hcpcs::mue::get(c?).ok()??.adjudication().code()))
    })
    .await;
    check(
        &ctx,
        &l,
        "addon_is_addon({code})",
        |c, _, _| match hcpcs::add_on::primaries_of(c?) {
            Ok(r) => Some(b(!r.is_empty() || r.not_carried() > 0)),
            Err(LookupError::NotCompiled { .. }) => None,
            Err(_) => Some(b(false)),
        },
    )
    .await;
    check(
        &ctx,
        &l,
        "addon_has_primary({code}, {other}, dos)",
        |c, p, date| {
            let (c, p, date) = (c?, p?, date?);
            let relations = match hcpcs::add_on::primaries_of(c) {
                Ok(r) => r,
                Err(LookupError::NotCompiled { .. }) => return None,
                Err(_) => return Some(b(false)),
            };
            match hcpcs::lookup(p) {
                Err(LookupError::Malformed(_)) => Some(b(false)),
                _ => match Code::parse(p).unwrap() {
                    Code::Modifier(_) => Some(b(false)),
                    Code::Procedure(p) if !p.shape().is_level2() && !hcpcs::has_cpt_rows() => None,
                    Code::Procedure(p) => Some(b(relations
                        .iter()
                        .any(|e| e.primary() == Some(p) && e.is_in_force_on(date)))),
                },
            }
        },
    )
    .await;
    check(
        &ctx,
        &l,
        "opps_status_indicator({code}, dos)",
        |c, _, date| {
            let e = hcpcs::opps::on(c?, date?).ok()??;
            text(Some(e.status_indicator().code()))
        },
    )
    .await;
    check(
        &ctx,
        &l,
        "opps_not_paid({code}, dos)",
        |c, _, date| match hcpcs::opps::on(c?, date?) {
            Ok(e) => Some(b(e.is_some_and(|e| {
                e.status_indicator().payment() == hcpcs::opps::PaymentCategory::NotPaid
            }))),
            Err(hcpcs::opps::OppsError::Code(LookupError::Malformed(_))) => Some(b(false)),
            Err(_) => None,
        },
    )
    .await;
}

#[test]
fn shape_names_are_distinct_and_cover_every_shape() {
    let shapes = [
        "Q2057", "99213", "0001F", "0708T", "0001U", "0002M", "D0120", "TC", "25",
    ];
    let names: BTreeSet<&str> = shapes
        .iter()
        .map(|c| hcpcs_datafusion::shape_name(CodeShape::classify(c).unwrap()))
        .collect();
    assert_eq!(names.len(), shapes.len());
    assert!(!names.contains("other"));
}
