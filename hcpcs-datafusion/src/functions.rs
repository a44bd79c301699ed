//! The functions: what each takes and returns, its documentation, and its evaluation over a batch.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, BooleanBuilder, PrimitiveArray, StringBuilder};
use datafusion::arrow::datatypes::{ArrowPrimitiveType, DataType, Date32Type, Int64Type};
use datafusion::common::Result;
use hcpcs::{Code, CodeShape, LookupError, NaiveDate};

use crate::days;
use crate::text::{self, Text};

/// The kind of one argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Arg {
    /// A code or modifier: `Utf8`, `LargeUtf8` or `Utf8View`.
    Text,
    /// A date of service: `Date32`.
    Date,
}

/// One function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Func {
    IsValid,
    IsValidOn,
    ReleaseOn,
    Shape,
    ShortDescription,
    LongDescription,
    Coverage,
    Betos,
    Action,
    Terminated,
    ModifierIsValid,
    DataCompiled,
    PfsStatus,
    MueValue,
    MueAdjudication,
    AddonIsAddon,
    AddonHasPrimary,
    OppsStatusIndicator,
    OppsNotPaid,
}

/// What a function takes, returns and means, and an SQL example with its output, checked by
/// `tests/docs.rs` against the functions themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunctionDoc {
    /// The SQL name.
    pub name: &'static str,
    /// The call, with its argument names.
    pub syntax: &'static str,
    /// The SQL return type.
    pub returns: &'static str,
    /// What it answers, and when it answers NULL or false.
    pub description: &'static str,
    /// A query.
    pub example: &'static str,
    /// The query's output, as DataFusion prints it.
    pub output: &'static str,
}

pub(crate) struct Spec {
    pub func: Func,
    /// The argument lists the function accepts (more than one: optional trailing arguments).
    pub arities: &'static [&'static [Arg]],
    pub returns: DataType,
    pub doc: FunctionDoc,
}

use Arg::{Date, Text as T};

/// Every function, in the order the documentation lists them.
pub(crate) fn specs() -> Vec<Spec> {
    use DataType::{Boolean, Date32, Int64, Utf8};
    let s = |func, arities, returns, doc| Spec {
        func,
        arities,
        returns,
        doc,
    };
    vec![
        s(Func::IsValid, &[&[T]], Boolean, crate::docs::IS_VALID),
        s(
            Func::IsValidOn,
            &[&[T, Date]],
            Boolean,
            crate::docs::IS_VALID_ON,
        ),
        s(Func::ReleaseOn, &[&[Date]], Utf8, crate::docs::RELEASE_ON),
        s(Func::Shape, &[&[T]], Utf8, crate::docs::SHAPE),
        s(
            Func::ShortDescription,
            &[&[T]],
            Utf8,
            crate::docs::SHORT_DESCRIPTION,
        ),
        s(
            Func::LongDescription,
            &[&[T]],
            Utf8,
            crate::docs::LONG_DESCRIPTION,
        ),
        s(Func::Coverage, &[&[T]], Utf8, crate::docs::COVERAGE),
        s(Func::Betos, &[&[T]], Utf8, crate::docs::BETOS),
        s(Func::Action, &[&[T]], Utf8, crate::docs::ACTION),
        s(Func::Terminated, &[&[T]], Date32, crate::docs::TERMINATED),
        s(
            Func::ModifierIsValid,
            &[&[T]],
            Boolean,
            crate::docs::MODIFIER_IS_VALID,
        ),
        s(
            Func::DataCompiled,
            &[&[T]],
            Boolean,
            crate::docs::DATA_COMPILED,
        ),
        s(
            Func::PfsStatus,
            &[&[T], &[T, T]],
            Utf8,
            crate::docs::PFS_STATUS,
        ),
        s(Func::MueValue, &[&[T]], Int64, crate::docs::MUE_VALUE),
        s(
            Func::MueAdjudication,
            &[&[T]],
            Utf8,
            crate::docs::MUE_ADJUDICATION,
        ),
        s(
            Func::AddonIsAddon,
            &[&[T]],
            Boolean,
            crate::docs::ADDON_IS_ADDON,
        ),
        s(
            Func::AddonHasPrimary,
            &[&[T, T, Date]],
            Boolean,
            crate::docs::ADDON_HAS_PRIMARY,
        ),
        s(
            Func::OppsStatusIndicator,
            &[&[T, Date]],
            Utf8,
            crate::docs::OPPS_STATUS_INDICATOR,
        ),
        s(
            Func::OppsNotPaid,
            &[&[T, Date]],
            Boolean,
            crate::docs::OPPS_NOT_PAID,
        ),
    ]
}

/// The SQL name of a code's shape (`hcpcs_shape`): stable identifiers, not the crate's wording for
/// people.
///
/// ```
/// use hcpcs::CodeShape;
/// assert_eq!(hcpcs_datafusion::shape_name(CodeShape::classify("q2057").unwrap()), "level2");
/// assert_eq!(hcpcs_datafusion::shape_name(CodeShape::classify("0708T").unwrap()), "cpt_category_3");
/// ```
pub fn shape_name(shape: CodeShape) -> &'static str {
    match shape {
        CodeShape::LevelII => "level2",
        CodeShape::CptCategoryI => "cpt_category_1",
        CodeShape::CptCategoryII => "cpt_category_2",
        CodeShape::CptCategoryIII => "cpt_category_3",
        CodeShape::Pla => "cpt_pla",
        CodeShape::Multianalyte => "cpt_maaa",
        CodeShape::Dental => "cdt",
        CodeShape::Modifier => "level2_modifier",
        CodeShape::CptModifier => "cpt_modifier",
        // CodeShape is non-exhaustive: a shape added to hcpcs later shows until named here.
        _ => "other",
    }
}

/// Whether the HCPCS Level II file defines codes of this shape: `Some(b)` for a well-formed code whose
/// answer the file gives, `None` for a CPT or CDT code or a CPT modifier (the file cannot tell).
#[inline]
fn level2_answer(code: &str, found: impl FnOnce(Code) -> bool) -> Option<bool> {
    match Code::parse(code) {
        Err(_) => Some(false),
        Ok(c) if c.shape().is_level2() => Some(found(c)),
        Ok(_) => None,
    }
}

/// A dataset answer: `Some(None)` no row, `None` when this build does not carry the code's rows or
/// the text is malformed (the caller maps both to NULL; a boolean caller maps malformed to false).
#[inline]
fn carried<T>(r: Result<Option<T>, LookupError>) -> Option<T> {
    r.ok().flatten()
}

/// `Some(false)` for a malformed code, `None` for a code this build does not carry, else `Some(f())`.
#[inline]
fn bool_of<T>(r: Result<T, LookupError>, f: impl FnOnce(T) -> bool) -> Option<bool> {
    match r {
        Ok(v) => Some(f(v)),
        Err(LookupError::NotCompiled { .. }) => None,
        Err(_) => Some(false),
    }
}

/// Evaluates a function over argument arrays of `rows` rows (the arguments already arrays).
pub(crate) fn eval(func: Func, name: &str, args: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let text = |i: usize| Text::new(name, &args[i]);
    Ok(match func {
        Func::IsValid => {
            let a = text(0)?;
            bools(rows, |i| {
                a.get(i).and_then(|c| level2_answer(c, hcpcs::contains))
            })
        }
        Func::IsValidOn => {
            let (a, d) = (text(0)?, text::dates(name, &args[1])?);
            let table = days::hcpcs();
            bools(rows, |i| {
                let (code, day) = (a.get(i)?, text::day(d, i)?);
                // A date whose quarter is not compiled: the build cannot tell.
                let view = table.on(day)?;
                let date = days::to_date(day)?;
                level2_answer(code, |c| {
                    view.record(c).is_some_and(|r| r.is_valid_on(date))
                })
            })
        }
        Func::ReleaseOn => {
            let d = text::dates(name, &args[0])?;
            let table = days::hcpcs();
            let names: Vec<(hcpcs::Release, String)> =
                hcpcs::releases().map(|r| (r, r.name())).collect();
            strings(rows, |i| {
                let view = table.on(text::day(d, i)?)?;
                let r = view.release();
                names.iter().find(|(x, _)| *x == r).map(|(_, n)| n.as_str())
            })
        }
        Func::Shape => {
            let a = text(0)?;
            strings(rows, |i| {
                Code::parse(a.get(i)?).ok().map(|c| shape_name(c.shape()))
            })
        }
        Func::ShortDescription => {
            let a = text(0)?;
            strings(rows, |i| hcpcs::get(a.get(i)?)?.short_description())
        }
        Func::LongDescription => {
            let a = text(0)?;
            strings(rows, |i| hcpcs::get(a.get(i)?)?.long_description())
        }
        Func::Coverage => {
            let a = text(0)?;
            strings(rows, |i| Some(hcpcs::get(a.get(i)?)?.coverage().code()))
        }
        Func::Betos => {
            let a = text(0)?;
            strings(rows, |i| Some(hcpcs::get(a.get(i)?)?.betos()?.code()))
        }
        Func::Action => {
            let a = text(0)?;
            strings(rows, |i| Some(hcpcs::get(a.get(i)?)?.action().code()))
        }
        Func::Terminated => {
            let a = text(0)?;
            primitives::<Date32Type>(rows, |i| {
                Some(days::from_date(hcpcs::get(a.get(i)?)?.terminated()?))
            })
        }
        Func::ModifierIsValid => {
            let a = text(0)?;
            bools(rows, |i| match Code::parse(a.get(i)?) {
                Ok(Code::Modifier(m)) if !m.is_cpt() => Some(hcpcs::modifier(m).is_some()),
                // A CPT modifier: the HCPCS Level II file does not define them.
                Ok(Code::Modifier(_)) => None,
                _ => Some(false),
            })
        }
        Func::DataCompiled => {
            let a = text(0)?;
            bools(rows, |i| match Code::parse(a.get(i)?) {
                Ok(Code::Procedure(p)) => Some(p.shape().is_level2() || hcpcs::has_cpt_rows()),
                Ok(Code::Modifier(_)) => Some(true),
                Err(_) => Some(false),
            })
        }
        Func::PfsStatus => {
            let a = text(0)?;
            let m = if args.len() > 1 { Some(text(1)?) } else { None };
            strings(rows, |i| {
                let code = a.get(i)?;
                let modifier = match &m {
                    None => None,
                    Some(m) => modifier_arg(m.get(i)?)?,
                };
                let one;
                let modifiers: &[hcpcs::Modifier] = match modifier {
                    Some(x) => {
                        one = [x];
                        &one
                    }
                    None => &[],
                };
                let row = carried(hcpcs::fee_schedule::row_for(code, modifiers))?;
                Some(row.status().code())
            })
        }
        Func::MueValue => {
            let a = text(0)?;
            primitives::<Int64Type>(rows, |i| {
                Some(i64::from(carried(hcpcs::mue::get(a.get(i)?))?.value()))
            })
        }
        Func::MueAdjudication => {
            let a = text(0)?;
            strings(rows, |i| {
                Some(carried(hcpcs::mue::get(a.get(i)?))?.adjudication().code())
            })
        }
        Func::AddonIsAddon => {
            let a = text(0)?;
            bools(rows, |i| {
                bool_of(hcpcs::add_on::primaries_of(a.get(i)?), |r| {
                    r.len() + r.not_carried() > 0
                })
            })
        }
        Func::AddonHasPrimary => {
            let (a, p, d) = (text(0)?, text(1)?, text::dates(name, &args[2])?);
            bools(rows, |i| {
                let (add_on, primary, day) = (a.get(i)?, p.get(i)?, text::day(d, i)?);
                let date = days::to_date(day)?;
                let relations = match hcpcs::add_on::primaries_of(add_on) {
                    Ok(r) => r,
                    Err(LookupError::NotCompiled { .. }) => return None,
                    Err(_) => return Some(false),
                };
                let primary = match Code::parse(primary) {
                    Ok(Code::Procedure(p)) => p,
                    _ => return Some(false),
                };
                if !primary.shape().is_level2() && !hcpcs::has_cpt_rows() {
                    return None;
                }
                Some(
                    relations
                        .in_force_on(date)
                        .any(|e| e.primary() == Some(primary)),
                )
            })
        }
        Func::OppsStatusIndicator => {
            let (a, d) = (text(0)?, text::dates(name, &args[1])?);
            strings(rows, |i| {
                let (code, date) = (a.get(i)?, days::to_date(text::day(d, i)?)?);
                Some(opps_on(code, date)??.status_indicator().code())
            })
        }
        Func::OppsNotPaid => {
            let (a, d) = (text(0)?, text::dates(name, &args[1])?);
            bools(rows, |i| {
                let (code, date) = (a.get(i)?, days::to_date(text::day(d, i)?)?);
                match opps_on(code, date)? {
                    Some(e) => Some(
                        e.status_indicator().payment() == hcpcs::opps::PaymentCategory::NotPaid,
                    ),
                    None => Some(false),
                }
            })
        }
    })
}

/// The Addendum B entry of a code on a date: `None` when the build cannot tell (the quarter is not
/// compiled, a CPT or CDT code it does not carry), `Some(None)` when the quarter has no row for it or
/// the text is not a procedure code.
#[inline]
fn opps_on(code: &str, date: NaiveDate) -> Option<Option<hcpcs::opps::OppsEntry>> {
    match hcpcs::opps::on(code, date) {
        Ok(e) => Some(e),
        Err(hcpcs::opps::OppsError::Code(LookupError::Malformed(_))) => Some(None),
        Err(_) => None,
    }
}

/// A modifier argument: `Some(None)` for an empty (or all-blank) string, the line has no modifier;
/// `None` for text that is not a modifier.
#[inline]
fn modifier_arg(s: &str) -> Option<Option<hcpcs::Modifier>> {
    if s.trim().is_empty() {
        return Some(None);
    }
    match Code::parse(s) {
        Ok(Code::Modifier(m)) => Some(Some(m)),
        _ => None,
    }
}

#[inline]
fn bools(rows: usize, f: impl Fn(usize) -> Option<bool>) -> ArrayRef {
    let mut b = BooleanBuilder::with_capacity(rows);
    for i in 0..rows {
        b.append_option(f(i));
    }
    Arc::new(b.finish())
}

#[inline]
fn primitives<T: ArrowPrimitiveType>(
    rows: usize,
    f: impl Fn(usize) -> Option<T::Native>,
) -> ArrayRef {
    Arc::new((0..rows).map(f).collect::<PrimitiveArray<T>>())
}

#[inline]
fn strings<'s>(rows: usize, f: impl Fn(usize) -> Option<&'s str>) -> ArrayRef {
    // Most answers are a few characters; a description column grows the buffer as it must.
    let mut b = StringBuilder::with_capacity(rows, rows * 2);
    for i in 0..rows {
        b.append_option(f(i));
    }
    Arc::new(b.finish())
}
