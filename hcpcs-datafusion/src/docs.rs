//! Each function's documentation. `tests/docs.rs` runs every example and compares its output with the
//! text here, and checks that README.md carries each function's syntax and example.

use crate::FunctionDoc;

pub(crate) const IS_VALID: FunctionDoc = FunctionDoc {
    name: "hcpcs_is_valid",
    syntax: "hcpcs_is_valid(code)",
    returns: "BOOLEAN",
    description: "Whether the code or modifier is in the current HCPCS release (terminated codes \
        included: for a date of service use hcpcs_is_valid_on). Case and surrounding blanks are \
        ignored. False for malformed text and for Level II codes CMS has not defined; NULL for a \
        well-formed CPT or CDT code or CPT modifier, which the HCPCS Level II file cannot confirm or \
        deny (check hcpcs_shape).",
    example: "SELECT hcpcs_is_valid('Q2057') AS a, hcpcs_is_valid(' q2057') AS b, \
        hcpcs_is_valid('Q20X7') AS c, hcpcs_is_valid('Z9999') AS d, hcpcs_is_valid('99213') AS e",
    output: "\
+------+------+-------+-------+---+
| a    | b    | c     | d     | e |
+------+------+-------+-------+---+
| true | true | false | false |   |
+------+------+-------+-------+---+",
};

pub(crate) const IS_VALID_ON: FunctionDoc = FunctionDoc {
    name: "hcpcs_is_valid_on",
    syntax: "hcpcs_is_valid_on(code, date_of_service)",
    returns: "BOOLEAN",
    description: "Whether the code or modifier may be billed on the date, in the HCPCS release in \
        force on that date (the release of its quarter; added on or before the date, not \
        terminated before it). NULL when that quarter's release is not compiled into this build \
        (see hcpcs_release_on), and as hcpcs_is_valid for CPT and CDT codes; false for malformed \
        text.",
    example: "SELECT hcpcs_is_valid_on('C5271', DATE '2025-12-31') AS c5271_dec, \
        hcpcs_is_valid_on('C5271', DATE '2026-01-02') AS c5271_jan, \
        hcpcs_is_valid_on('A4295', DATE '2025-12-31') AS a4295_dec, \
        hcpcs_is_valid_on('a4295 ', DATE '2026-01-02') AS a4295_jan, \
        hcpcs_is_valid_on('A4295', DATE '2026-05-01') AS not_compiled",
    output: "\
+-----------+-----------+-----------+-----------+--------------+
| c5271_dec | c5271_jan | a4295_dec | a4295_jan | not_compiled |
+-----------+-----------+-----------+-----------+--------------+
| true      | false     | false     | true      |              |
+-----------+-----------+-----------+-----------+--------------+",
};

pub(crate) const RELEASE_ON: FunctionDoc = FunctionDoc {
    name: "hcpcs_release_on",
    syntax: "hcpcs_release_on(date_of_service)",
    returns: "VARCHAR",
    description:
        "The HCPCS release (YYYY-MM) in force on the date, which hcpcs_is_valid_on answers \
        with; NULL when the date's quarter is not compiled into this build.",
    example:
        "SELECT hcpcs_release_on(DATE '2025-11-15') AS a, hcpcs_release_on(DATE '2025-07-15') AS b",
    output: "\
+---------+---+
| a       | b |
+---------+---+
| 2025-10 |   |
+---------+---+",
};

pub(crate) const SHAPE: FunctionDoc = FunctionDoc {
    name: "hcpcs_shape",
    syntax: "hcpcs_shape(code)",
    returns: "VARCHAR",
    description: "The shape of a well-formed code, whether or not it exists: level2, \
        level2_modifier, cpt_category_1, cpt_category_2, cpt_category_3, cpt_pla, cpt_maaa, cdt, \
        cpt_modifier. NULL for malformed text.",
    example: "SELECT hcpcs_shape('q2057') AS a, hcpcs_shape('99213') AS b, hcpcs_shape('0708T') AS c, \
        hcpcs_shape('D0120') AS d, hcpcs_shape('TC') AS e, hcpcs_shape('25') AS f, hcpcs_shape('Q20X7') AS g",
    output: "\
+--------+----------------+----------------+-----+-----------------+--------------+---+
| a      | b              | c              | d   | e               | f            | g |
+--------+----------------+----------------+-----+-----------------+--------------+---+
| level2 | cpt_category_1 | cpt_category_3 | cdt | level2_modifier | cpt_modifier |   |
+--------+----------------+----------------+-----+-----------------+--------------+---+",
};

pub(crate) const SHORT_DESCRIPTION: FunctionDoc = FunctionDoc {
    name: "hcpcs_short_description",
    syntax: "hcpcs_short_description(code)",
    returns: "VARCHAR",
    description:
        "The short description of a Level II code or modifier in the current release (CMS \
        wording). NULL for anything else: CPT and CDT descriptions are not embedded.",
    example:
        "SELECT hcpcs_short_description('Q2057') AS q2057, hcpcs_short_description('TC') AS tc",
    output: "\
+--------------------------+---------------------+
| q2057                    | tc                  |
+--------------------------+---------------------+
| Afamitresgene autoleucel | Technical component |
+--------------------------+---------------------+",
};

pub(crate) const LONG_DESCRIPTION: FunctionDoc = FunctionDoc {
    name: "hcpcs_long_description",
    syntax: "hcpcs_long_description(code)",
    returns: "VARCHAR",
    description: "The long description of a Level II code or modifier in the current release (CMS \
        wording). NULL for anything else.",
    example: "SELECT hcpcs_long_description('A4206') AS a4206",
    output: "\
+--------------------------------------------------+
| a4206                                            |
+--------------------------------------------------+
| Syringe with needle, sterile, 1 cc or less, each |
+--------------------------------------------------+",
};

pub(crate) const COVERAGE: FunctionDoc = FunctionDoc {
    name: "hcpcs_coverage",
    syntax: "hcpcs_coverage(code)",
    returns: "VARCHAR",
    description:
        "The Medicare coverage code (COV: C, D, I, M or S) of a Level II code or modifier in \
        the current release; NULL for anything else.",
    example: "SELECT hcpcs_coverage('A4206') AS a4206, hcpcs_coverage('A9270') AS a9270",
    output: "\
+-------+-------+
| a4206 | a9270 |
+-------+-------+
| C     | M     |
+-------+-------+",
};

pub(crate) const BETOS: FunctionDoc = FunctionDoc {
    name: "hcpcs_betos",
    syntax: "hcpcs_betos(code)",
    returns: "VARCHAR",
    description:
        "The BETOS code of a Level II code in the current release; NULL when it has none, \
        and for anything else.",
    example: "SELECT hcpcs_betos('A4206') AS a4206, hcpcs_betos('TC') AS tc",
    output: "\
+-------+----+
| a4206 | tc |
+-------+----+
| D1A   |    |
+-------+----+",
};

pub(crate) const ACTION: FunctionDoc = FunctionDoc {
    name: "hcpcs_action",
    syntax: "hcpcs_action(code)",
    returns: "VARCHAR",
    description: "The action code of the current release for the code or modifier (A added, D \
        discontinued, N no maintenance, ...); NULL when the release does not have it.",
    example: "SELECT hcpcs_action('Q2057') AS q2057, hcpcs_action('C5271') AS c5271, hcpcs_action('A4295') AS a4295",
    output: "\
+-------+-------+-------+
| q2057 | c5271 | a4295 |
+-------+-------+-------+
| P     | D     | A     |
+-------+-------+-------+",
};

pub(crate) const TERMINATED: FunctionDoc = FunctionDoc {
    name: "hcpcs_terminated",
    syntax: "hcpcs_terminated(code)",
    returns: "DATE",
    description:
        "The termination date of the code or modifier in the current release; NULL when it \
        is not terminated or the release does not have it.",
    example: "SELECT hcpcs_terminated('C5271') AS c5271, hcpcs_terminated('Q2057') AS q2057",
    output: "\
+------------+-------+
| c5271      | q2057 |
+------------+-------+
| 2025-12-31 |       |
+------------+-------+",
};

pub(crate) const MODIFIER_IS_VALID: FunctionDoc = FunctionDoc {
    name: "hcpcs_modifier_is_valid",
    syntax: "hcpcs_modifier_is_valid(modifier)",
    returns: "BOOLEAN",
    description: "Whether the text is a Level II modifier of the current release. False for \
        malformed text, procedure codes and undefined Level II modifiers; NULL for a CPT (digit-first) \
        modifier, which the HCPCS file does not define.",
    example: "SELECT hcpcs_modifier_is_valid('lt') AS lt, hcpcs_modifier_is_valid('ZZ') AS zz, \
        hcpcs_modifier_is_valid('25') AS m25, hcpcs_modifier_is_valid('L') AS l",
    output: "\
+------+-------+-----+-------+
| lt   | zz    | m25 | l     |
+------+-------+-----+-------+
| true | false |     | false |
+------+-------+-----+-------+",
};

pub(crate) const DATA_COMPILED: FunctionDoc = FunctionDoc {
    name: "hcpcs_data_compiled",
    syntax: "hcpcs_data_compiled(code)",
    returns: "BOOLEAN",
    description: "Whether this build carries the code's rows in the fee schedule, MUE, add-on and \
        OPPS tables: true for Level II codes and modifiers, and for CPT and CDT codes only in a build \
        with the cpt feature; false for malformed text. Where it is false for a well-formed code, \
        those tables' functions answer NULL: the build cannot tell.",
    example: "SELECT hcpcs_data_compiled('G0105') AS g0105, hcpcs_data_compiled('Q20X7') AS bad",
    output: "\
+-------+-------+
| g0105 | bad   |
+-------+-------+
| true  | false |
+-------+-------+",
};

pub(crate) const PFS_STATUS: FunctionDoc = FunctionDoc {
    name: "pfs_status",
    syntax: "pfs_status(code [, modifier])",
    returns: "VARCHAR",
    description: "The Physician Fee Schedule status code of the row a line with this modifier is \
        priced with, in the newest compiled relative value file: the modifier's own row (26, TC, \
        53) if the file has one, else the global row; an empty modifier means none (write \
        pfs_status(code, coalesce(modifier, '')) for a nullable column). NULL when the file has no \
        row, the modifier is malformed, or the code's rows are not compiled (hcpcs_data_compiled).",
    example: "SELECT pfs_status('G0105') AS g0105, pfs_status('G0130', 'TC') AS g0130_tc, \
        pfs_status('G0130', '59') AS g0130_59",
    output: "\
+-------+----------+----------+
| g0105 | g0130_tc | g0130_59 |
+-------+----------+----------+
| A     | A        | A        |
+-------+----------+----------+",
};

pub(crate) const MUE_VALUE: FunctionDoc = FunctionDoc {
    name: "mue_value",
    syntax: "mue_value(code)",
    returns: "BIGINT",
    description: "The NCCI practitioner MUE value: the most units of service per line (adjudication \
        1) or per day (2, 3). NULL when the MUE table has no row for the code, and when its rows are \
        not compiled (hcpcs_data_compiled).",
    example: "SELECT mue_value('A4206') AS a4206, mue_value('Q2057') AS q2057",
    output: "\
+-------+-------+
| a4206 | q2057 |
+-------+-------+
| 0     | 1     |
+-------+-------+",
};

pub(crate) const MUE_ADJUDICATION: FunctionDoc = FunctionDoc {
    name: "mue_adjudication",
    syntax: "mue_adjudication(code)",
    returns: "VARCHAR",
    description:
        "The MUE adjudication indicator (1 line edit, 2 date of service edit: policy, 3 date \
        of service edit: clinical); NULL as for mue_value.",
    example: "SELECT mue_adjudication('A4206') AS a4206",
    output: "\
+-------+
| a4206 |
+-------+
| 3     |
+-------+",
};

pub(crate) const ADDON_IS_ADDON: FunctionDoc = FunctionDoc {
    name: "addon_is_addon",
    syntax: "addon_is_addon(code)",
    returns: "BOOLEAN",
    description: "Whether the NCCI add-on code table lists the code as an add-on code (any edit \
        type; relations with CPT codes this build does not carry count too). False for malformed \
        text; NULL for a CPT or CDT code without the cpt feature.",
    example: "SELECT addon_is_addon('G0289') AS g0289, addon_is_addon('G0105') AS g0105",
    output: "\
+-------+-------+
| g0289 | g0105 |
+-------+-------+
| true  | false |
+-------+-------+",
};

pub(crate) const ADDON_HAS_PRIMARY: FunctionDoc = FunctionDoc {
    name: "addon_has_primary",
    syntax: "addon_has_primary(add_on, primary, date_of_service)",
    returns: "BOOLEAN",
    description:
        "Whether an add-on code edit with this add-on code and this primary code is in force \
        on the date. False for malformed text and when no such relation is in force; NULL when \
        either code is a CPT or CDT code whose rows this build does not carry.",
    example: "SELECT addon_has_primary('C7902', 'C7900', DATE '2026-01-15') AS c7900, \
        addon_has_primary('C7902', 'G0105', DATE '2026-01-15') AS g0105, \
        addon_has_primary('C7902', 'C7900', DATE '2023-06-30') AS before, \
        addon_has_primary('C7902', '99213', DATE '2026-01-15') AS cpt",
    output: "\
+-------+-------+--------+-----+
| c7900 | g0105 | before | cpt |
+-------+-------+--------+-----+
| true  | false | false  |     |
+-------+-------+--------+-----+",
};

pub(crate) const OPPS_STATUS_INDICATOR: FunctionDoc = FunctionDoc {
    name: "opps_status_indicator",
    syntax: "opps_status_indicator(code, date_of_service)",
    returns: "VARCHAR",
    description: "The OPPS payment status indicator of the code in the Addendum B quarter in force on \
        the date. NULL when the quarter is not compiled, when Addendum B has no row for the code, for \
        malformed text, and when the code's rows are not compiled.",
    example: "SELECT opps_status_indicator('Q2057', DATE '2026-02-01') AS q1, \
        opps_status_indicator('Q2057', DATE '2025-07-01') AS not_compiled",
    output: "\
+----+--------------+
| q1 | not_compiled |
+----+--------------+
| G  |              |
+----+--------------+",
};

pub(crate) const OPPS_NOT_PAID: FunctionDoc = FunctionDoc {
    name: "opps_not_paid",
    syntax: "opps_not_paid(code, date_of_service)",
    returns: "BOOLEAN",
    description: "Whether the code's status indicator in the quarter in force on the date says it is \
        not paid on an outpatient hospital claim (B, C, D, E1, E2, M). False when it has another \
        indicator or no Addendum B row, and for malformed text; NULL when the quarter is not \
        compiled or the code's rows are not.",
    example: "SELECT opps_not_paid('A0021', DATE '2026-02-01') AS a0021, opps_not_paid('Q2057', DATE '2026-02-01') AS q2057",
    output: "\
+-------+-------+
| a0021 | q2057 |
+-------+-------+
| true  | false |
+-------+-------+",
};
