#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::sync::Arc;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, ScalarValue};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::{
    ColumnarValue, DocSection, Documentation, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl,
    Signature, TypeSignature, Volatility,
};
use datafusion::prelude::SessionContext;

mod days;
mod docs;
mod functions;
mod text;

pub use functions::{shape_name, FunctionDoc};

use functions::{Arg, Func, Spec};

/// Registers every function of this crate in a DataFusion session.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> datafusion::common::Result<()> {
/// let ctx = datafusion::prelude::SessionContext::new();
/// hcpcs_datafusion::register(&ctx);
/// let df = ctx.sql("SELECT hcpcs_is_valid('q2057 ') AS ok").await?;
/// let batches = df.collect().await?;
/// assert_eq!(batches[0].num_rows(), 1);
/// # Ok(())
/// # }
/// ```
pub fn register(ctx: &SessionContext) {
    for f in functions() {
        ctx.register_udf(Arc::unwrap_or_clone(f));
    }
}

/// Registers every function in any [`FunctionRegistry`] (a `SessionState`, for example), replacing
/// functions of the same names.
///
/// ```
/// use datafusion::execution::{FunctionRegistry, SessionStateBuilder};
/// let mut state = SessionStateBuilder::new().with_default_features().build();
/// hcpcs_datafusion::register_in(&mut state).unwrap();
/// assert!(state.udf("hcpcs_is_valid_on").is_ok());
/// assert!(state.udf("upper").is_ok()); // DataFusion's own functions stay
/// ```
pub fn register_in(registry: &mut dyn FunctionRegistry) -> Result<()> {
    for f in functions() {
        registry.register_udf(f)?;
    }
    Ok(())
}

/// Every function of this crate, as DataFusion scalar UDFs (for a Ballista executor's function
/// registry, for example: see the README).
///
/// ```
/// let names: Vec<String> = hcpcs_datafusion::functions()
///     .iter()
///     .map(|f| f.name().to_string())
///     .collect();
/// assert!(names.contains(&"mue_value".to_string()));
/// assert_eq!(names.len(), hcpcs_datafusion::docs().len());
/// ```
pub fn functions() -> Vec<Arc<ScalarUDF>> {
    functions::specs()
        .into_iter()
        .map(|s| Arc::new(ScalarUDF::new_from_impl(HcpcsUdf::new(s))))
        .collect()
}

/// What each function takes, returns and means, with an SQL example and its output, in the order the
/// documentation lists them. (The same text DataFusion shows for the function, and the README's.)
///
/// ```
/// let d = hcpcs_datafusion::docs();
/// let valid_on = d.iter().find(|d| d.name == "hcpcs_is_valid_on").unwrap();
/// assert_eq!(valid_on.syntax, "hcpcs_is_valid_on(code, date_of_service)");
/// assert_eq!(valid_on.returns, "BOOLEAN");
/// ```
pub fn docs() -> Vec<FunctionDoc> {
    functions::specs().into_iter().map(|s| s.doc).collect()
}

/// One function of this crate as a DataFusion scalar UDF.
#[derive(Debug)]
struct HcpcsUdf {
    func: Func,
    signature: Signature,
    returns: DataType,
    doc: FunctionDoc,
    documentation: Documentation,
}

// DataFusion compares UDFs to deduplicate expressions; two are the same function when they evaluate
// the same `Func` (the rest follows from it).
impl PartialEq for HcpcsUdf {
    fn eq(&self, other: &Self) -> bool {
        self.func == other.func
    }
}
impl Eq for HcpcsUdf {}
impl std::hash::Hash for HcpcsUdf {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.func.hash(state);
    }
}

/// The string types a code argument may have.
const STRING_TYPES: [DataType; 3] = [DataType::Utf8View, DataType::Utf8, DataType::LargeUtf8];

impl HcpcsUdf {
    fn new(spec: Spec) -> HcpcsUdf {
        // Every combination of string layouts for the text arguments, `Date32` for dates: exact
        // signatures, so nothing is cast (a cast would copy the column).
        let mut exact: Vec<TypeSignature> = Vec::new();
        for arity in spec.arities {
            let mut lists: Vec<Vec<DataType>> = vec![Vec::new()];
            for arg in arity.iter() {
                lists = lists
                    .into_iter()
                    .flat_map(|l| {
                        let options: &[DataType] = match arg {
                            Arg::Text => &STRING_TYPES,
                            Arg::Date => &[DataType::Date32],
                        };
                        options.iter().map(move |t| {
                            let mut l = l.clone();
                            l.push(t.clone());
                            l
                        })
                    })
                    .collect();
            }
            exact.extend(lists.into_iter().map(TypeSignature::Exact));
        }
        let doc = spec.doc;
        let documentation = Documentation::builder(
            DocSection {
                include: true,
                label: "HCPCS Functions",
                description: Some("The CMS HCPCS code set, compiled into the hcpcs crate"),
            },
            doc.description,
            doc.syntax,
        )
        .with_sql_example(format!("```sql\n> {}\n{}\n```", doc.example, doc.output))
        .build();
        HcpcsUdf {
            func: spec.func,
            signature: Signature::one_of(exact, Volatility::Immutable),
            returns: spec.returns,
            doc,
            documentation,
        }
    }
}

impl ScalarUDFImpl for HcpcsUdf {
    fn name(&self) -> &str {
        self.doc.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.returns.clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let all_scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        // A scalar argument (a literal date, say) becomes an array of the batch's length; the
        // functions then read every argument the same way.
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let rows = if all_scalar { 1 } else { args.number_rows };
        let out = functions::eval(self.func, self.doc.name, &arrays, rows)?;
        Ok(if all_scalar {
            ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?)
        } else {
            ColumnarValue::Array(out)
        })
    }

    fn documentation(&self) -> Option<&Documentation> {
        Some(&self.documentation)
    }
}

/// The problem classes [`validation_sql`] counts, each with what it means, in its column order.
pub const FINDINGS: &[(&str, &str)] = &[
    ("missing_code", "the code is NULL"),
    ("malformed_code", "the code is no well-formed code (hcpcs_shape is NULL)"),
    (
        "cpt_cdt_not_checked",
        "a CPT or CDT code: the HCPCS Level II file cannot confirm it, and this build carries no CPT rows",
    ),
    ("unknown_code", "a Level II code the current release does not have"),
    ("missing_date", "the date of service is NULL"),
    (
        "date_not_compiled",
        "the HCPCS release of the date's quarter is not compiled into this build: validity unknown",
    ),
    (
        "terminated",
        "not valid on the date: the code was terminated before it",
    ),
    (
        "not_valid_on_date",
        "not valid on the date for another reason (not yet added, or not in that quarter's release)",
    ),
    ("malformed_modifier", "the modifier is no well-formed modifier"),
    ("unknown_modifier", "a Level II modifier the current release does not have"),
    (
        "units_above_mue_line",
        "more units on the line than the code's practitioner MUE, for a line edit (adjudication 1)",
    ),
    (
        "units_above_mue_day",
        "more units of the code on the claim that day than its MUE, for a date-of-service edit (2, 3): \
         every line of that claim, code and day",
    ),
    (
        "opps_not_paid",
        "the OPPS status indicator on the date says not paid on an outpatient hospital claim",
    ),
    (
        "add_on_without_primary",
        "an add-on code with no primary code of an edit in force on another line of the claim",
    ),
    (
        "add_on_primary_not_checked",
        "an add-on code whose claim has no in-force primary, and other lines this build cannot check",
    ),
];

/// The validation query over a table of claim lines with the columns `claim_id`, `line`, `code`,
/// `modifier`, `dos` (`DATE`) and `units`: one row, `lines` and one count per [`FINDINGS`] class
/// (a line can be in several). The example `validate_claims` runs it; so do the benchmark and the
/// Ballista test.
///
/// ```
/// let sql = hcpcs_datafusion::validation_sql("claim_lines");
/// assert!(sql.contains("FROM claim_lines"));
/// for (class, _) in hcpcs_datafusion::FINDINGS {
///     assert!(sql.contains(&format!("AS {class}")));
/// }
/// ```
pub fn validation_sql(table: &str) -> String {
    format!(
        "WITH l AS (
    SELECT claim_id, line, code, modifier, dos, units,
           hcpcs_shape(code) AS shape,
           hcpcs_shape(modifier) AS modifier_shape
    FROM {table}
),
per_line AS (
    SELECT count(*) AS lines,
      sum(CASE WHEN code IS NULL THEN 1 ELSE 0 END) AS missing_code,
      sum(CASE WHEN code IS NOT NULL AND shape IS NULL THEN 1 ELSE 0 END) AS malformed_code,
      sum(CASE WHEN shape IN ('cpt_category_1', 'cpt_category_2', 'cpt_category_3', 'cpt_pla',
                               'cpt_maaa', 'cdt')
                AND NOT hcpcs_data_compiled(code) THEN 1 ELSE 0 END) AS cpt_cdt_not_checked,
      sum(CASE WHEN shape = 'level2' AND NOT hcpcs_is_valid(code) THEN 1 ELSE 0 END) AS unknown_code,
      sum(CASE WHEN dos IS NULL THEN 1 ELSE 0 END) AS missing_date,
      sum(CASE WHEN shape = 'level2' AND hcpcs_is_valid(code) AND dos IS NOT NULL
                AND hcpcs_release_on(dos) IS NULL THEN 1 ELSE 0 END) AS date_not_compiled,
      sum(CASE WHEN NOT hcpcs_is_valid_on(code, dos) AND hcpcs_terminated(code) < dos
               THEN 1 ELSE 0 END) AS terminated,
      sum(CASE WHEN NOT hcpcs_is_valid_on(code, dos) AND hcpcs_is_valid(code)
                AND NOT coalesce(hcpcs_terminated(code) < dos, false) THEN 1 ELSE 0 END)
          AS not_valid_on_date,
      sum(CASE WHEN trim(modifier) <> '' AND modifier_shape IS NULL THEN 1 ELSE 0 END)
          AS malformed_modifier,
      sum(CASE WHEN modifier_shape = 'level2_modifier' AND NOT hcpcs_modifier_is_valid(modifier)
               THEN 1 ELSE 0 END) AS unknown_modifier,
      sum(CASE WHEN mue_adjudication(code) = '1' AND units > mue_value(code) THEN 1 ELSE 0 END)
          AS units_above_mue_line,
      sum(CASE WHEN opps_not_paid(code, dos) THEN 1 ELSE 0 END) AS opps_not_paid
    FROM l
),
per_day AS (
    SELECT coalesce(sum(n), 0) AS units_above_mue_day FROM (
        SELECT count(*) AS n, sum(units) AS units, max(mue_value(code)) AS mue
        FROM {table}
        WHERE mue_adjudication(code) IN ('2', '3') AND dos IS NOT NULL
        GROUP BY claim_id, upper(trim(code)), dos
    ) WHERE units > mue
),
add_on_lines AS (
    SELECT a.claim_id, a.line,
      max(CASE WHEN addon_has_primary(a.code, p.code, a.dos) THEN 1 ELSE 0 END) AS has_primary,
      max(CASE WHEN p.code IS NOT NULL AND addon_has_primary(a.code, p.code, a.dos) IS NULL
               THEN 1 ELSE 0 END) AS cannot_tell
    FROM (SELECT claim_id, line, code, dos FROM {table} WHERE addon_is_addon(code)) a
    LEFT JOIN {table} p ON p.claim_id = a.claim_id AND p.line <> a.line
    GROUP BY a.claim_id, a.line
),
per_claim AS (
    SELECT
      coalesce(sum(CASE WHEN has_primary = 0 AND cannot_tell = 0 THEN 1 ELSE 0 END), 0)
          AS add_on_without_primary,
      coalesce(sum(CASE WHEN has_primary = 0 AND cannot_tell = 1 THEN 1 ELSE 0 END), 0)
          AS add_on_primary_not_checked
    FROM add_on_lines
)
SELECT per_line.*, per_day.*, per_claim.* FROM per_line CROSS JOIN per_day CROSS JOIN per_claim"
    )
}
