//! Reading the argument arrays: any of Arrow's three string layouts, and `Date32`.

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Date32Array, LargeStringArray, StringArray, StringViewArray,
};
use datafusion::arrow::datatypes::{DataType, Date32Type};
use datafusion::common::{exec_err, Result};

/// A string argument, whatever its Arrow layout. One `match` a row: the branch is the same for every
/// row of a batch, so the processor predicts it; the values are borrowed, never copied.
pub(crate) enum Text<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
}

impl<'a> Text<'a> {
    pub(crate) fn new(function: &str, array: &'a ArrayRef) -> Result<Text<'a>> {
        Ok(match array.data_type() {
            DataType::Utf8 => Text::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => Text::Large(array.as_string::<i64>()),
            DataType::Utf8View => Text::View(array.as_string_view()),
            // The signatures admit only these; a planner that let another through is a bug to report.
            other => return exec_err!("{function}: a code argument must be a string, got {other}"),
        })
    }

    /// The value of row `i`, `None` if it is null.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Text::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Text::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Text::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// A `Date32` argument.
pub(crate) fn dates<'a>(function: &str, array: &'a ArrayRef) -> Result<&'a Date32Array> {
    match array.data_type() {
        DataType::Date32 => Ok(array.as_primitive::<Date32Type>()),
        other => exec_err!("{function}: a date argument must be a DATE (Date32), got {other}"),
    }
}

/// Row `i` of a date argument, as days since 1970-01-01; `None` if it is null.
#[inline]
pub(crate) fn day(a: &Date32Array, i: usize) -> Option<i32> {
    a.is_valid(i).then(|| a.value(i))
}
