//! One declarative description per dataset, and the rules that find its CMS files.
//!
//! A CMS data directory holds one folder per dataset (`hcpcs/`, `pfs-rvu/`, `ncci-mue/`, `ncci-aoc/`),
//! and in it one folder per release, named `YYYY-MM` after the month the release takes effect. **The
//! folder name is the release**: some CMS files carry no date in their name (the 2020 workbooks are
//! all `anweb.xlsx`). Where CMS's file name does carry the release, it must agree with the folder.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

/// A dataset: its name in every layer of the project, where its CMS files are and how they are named.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The dataset's name in every layer: the `data/<name>/` folder, the `hcpcs::<name>` module.
    pub name: &'static str,
    /// Its folder in a CMS data directory, one sub-folder per release.
    pub cms_folder: &'static str,
    /// Further folders whose release sub-folders belong to the dataset too (`hcpcs-archive/`, where
    /// the older HCPCS releases are kept).
    pub more_folders: &'static [&'static str],
    /// Whether a file name is one of this dataset's CMS files, and how much it is preferred (higher
    /// wins when a release folder has several: the ANWEB text file over its workbook).
    pub file_rank: fn(&str) -> Option<u8>,
    /// The release (first day of its month) that CMS's file name gives, where it gives one.
    pub date_from_name: fn(&str) -> Option<NaiveDate>,
    /// What the CMS file is called, for error messages and README.
    pub file_pattern: &'static str,
}

/// The HCPCS Level II Alpha-Numeric file (ANWEB), text or workbook.
pub const HCPCS: Spec = Spec {
    name: "hcpcs",
    cms_folder: "hcpcs",
    more_folders: &["hcpcs-archive"],
    file_rank: anweb_rank,
    date_from_name: anweb_date,
    file_pattern: "HCPC<year>_<MON>_ANWEB[_<MMDDYYYY>].txt (or the .xlsx workbook)",
};

/// The Physician Fee Schedule national relative value file.
pub const FEE_SCHEDULE: Spec = Spec {
    name: "fee_schedule",
    cms_folder: "pfs-rvu",
    more_folders: &[],
    file_rank: |n| (upper(n).starts_with("PPRRVU") && upper(n).ends_with(".CSV")).then_some(1),
    date_from_name: fee_schedule_date,
    file_pattern: "PPRRVU<yy>_<MON>.csv or PPRRVU<yyyy>_<Mon>_<variant>.csv",
};

/// The NCCI medically unlikely edits, practitioner services.
pub const MUE: Spec = Spec {
    name: "mue",
    cms_folder: "ncci-mue",
    more_folders: &[],
    file_rank: |n| (n.contains("MUE") && upper(n).ends_with(".CSV")).then_some(1),
    date_from_name: mue_date,
    file_pattern: "MCR_MUE_PractitionerServices_Eff_<MM-DD-YYYY>.csv",
};

/// The NCCI add-on code edits (Medicare).
pub const ADD_ON: Spec = Spec {
    name: "add_on",
    cms_folder: "ncci-aoc",
    more_folders: &[],
    file_rank: |n| (n.starts_with("AOC_") && upper(n).ends_with(".XLSX")).then_some(1),
    date_from_name: add_on_date,
    file_pattern: "AOC_V<year>Q<n>-MCR.xlsx",
};

/// The OPPS Addendum B (status indicator and payment rate per code), as per-code extracts.
pub const OPPS: Spec = Spec {
    name: "opps",
    cms_folder: "opps-addendum-b",
    more_folders: &[],
    file_rank: |n| (upper(n).starts_with("ADDENDUMB") && upper(n).ends_with(".CSV")).then_some(1),
    date_from_name: opps_date,
    file_pattern: "AddendumB_<year>_<Month>_….csv",
};

/// The datasets beside HCPCS whose CPT/CDT rows the `cpt` feature compiles.
pub const CODE_EDITS: [Spec; 4] = [FEE_SCHEDULE, MUE, ADD_ON, OPPS];

/// `AddendumB_2026_April_extract_softek.csv` → 2026-04-01 (a 4-digit year and a month name, full or
/// three letters, among the name's `_`-separated parts).
pub fn opps_date(n: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = n.split(['_', '.', '-', ' ']).collect();
    let year: i32 = parts
        .iter()
        .find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()?;
    let m = parts.iter().find_map(|p| {
        month(p.get(..3)?).filter(|_| p.len() == 3 || p.len() >= 4 && month_full(p))
    })?;
    NaiveDate::from_ymd_opt(year, m, 1)
}

fn month_full(p: &str) -> bool {
    const FULL: [&str; 12] = [
        "JANUARY",
        "FEBRUARY",
        "MARCH",
        "APRIL",
        "MAY",
        "JUNE",
        "JULY",
        "AUGUST",
        "SEPTEMBER",
        "OCTOBER",
        "NOVEMBER",
        "DECEMBER",
    ];
    FULL.contains(&upper(p).as_str())
}

fn upper(n: &str) -> String {
    n.to_ascii_uppercase()
}

fn month(s: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    MONTHS
        .iter()
        .position(|m| s.eq_ignore_ascii_case(m))
        .map(|i| i as u32 + 1)
}

/// `HCPC2026_JAN_ANWEB_01122026.txt` (2) and `HCPC2025_OCT_ANWEB.xlsx` (1); never the corrections or
/// transaction report workbooks that sit beside them.
fn anweb_rank(n: &str) -> Option<u8> {
    let u = upper(n);
    if !u.contains("ANWEB") || u.contains("CORRECTION") || u.contains("TRANSACTION") {
        return None;
    }
    if u.ends_with(".TXT") {
        Some(2)
    } else if u.ends_with(".XLSX") {
        Some(1)
    } else {
        None
    }
}

/// `HCPC2026_JAN_ANWEB_01122026.txt` → 2026-01-01.
pub fn anweb_date(n: &str) -> Option<NaiveDate> {
    let u = upper(n);
    let rest = u.strip_prefix("HCPC")?;
    let year: i32 = rest.get(..4)?.parse().ok()?;
    let rest = rest.get(4..)?.strip_prefix('_')?;
    NaiveDate::from_ymd_opt(year, month(rest.get(..3)?)?, 1)
}

/// The CMS revision date of an ANWEB file name: `…_ANWEB_01122026.txt` → 2026-01-12.
pub fn anweb_revision(n: &str) -> Option<NaiveDate> {
    let u = upper(n);
    let i = u.find("_ANWEB_")? + 7;
    let d = u.get(i..i + 8)?;
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(d, "%m%d%Y").ok()
}

/// `PPRRVU25_JAN.csv` → 2025-01-01; `PPRRVU2026_Jul_nonQPP.csv` → 2026-07-01.
pub fn fee_schedule_date(n: &str) -> Option<NaiveDate> {
    let u = upper(n);
    let rest = u.strip_prefix("PPRRVU")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let year: i32 = match digits {
        2 => 2000 + rest.get(..2)?.parse::<i32>().ok()?,
        4 => rest.get(..4)?.parse().ok()?,
        _ => return None,
    };
    let rest = rest.get(digits..)?.strip_prefix('_')?;
    NaiveDate::from_ymd_opt(year, month(rest.get(..3)?)?, 1)
}

/// `MCR_MUE_PractitionerServices_Eff_04-01-2026.csv` → 2026-04-01.
pub fn mue_date(n: &str) -> Option<NaiveDate> {
    let i = n.find("_Eff_")? + 5;
    NaiveDate::parse_from_str(n.get(i..i + 10)?, "%m-%d-%Y").ok()
}

/// `AOC_V2026Q2-MCR.xlsx` → 2026-04-01.
pub fn add_on_date(n: &str) -> Option<NaiveDate> {
    let i = n.find("_V")? + 2;
    let y: i32 = n.get(i..i + 4)?.parse().ok()?;
    let q: u32 = n.get(i + 5..i + 6)?.parse().ok()?;
    (n.get(i + 4..i + 5)? == "Q" && (1..=4).contains(&q)).then_some(())?;
    NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)
}

/// A release folder's name, `YYYY-MM`, as the first day of that month.
pub fn folder_date(name: &str) -> Option<NaiveDate> {
    hcpcs_core::text::release_date(name)
}

/// One release of a dataset in a CMS data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseFile {
    /// The release, `YYYY-MM` (the folder's name).
    pub release: String,
    /// The first day of the release's month.
    pub effective: NaiveDate,
    /// The folder.
    pub dir: PathBuf,
    /// The dataset's CMS file in it.
    pub path: PathBuf,
    /// The file's name.
    pub file_name: String,
}

/// Why a CMS data directory cannot be imported.
pub type Error = String;

/// Every release of `spec` under `cms_dir/<spec.cms_folder>/` (and its `more_folders`, where they
/// exist), oldest first. A release in two folders is an error.
pub fn releases(cms_dir: &Path, spec: &Spec) -> Result<Vec<ReleaseFile>, Error> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for (i, folder) in std::iter::once(&spec.cms_folder)
        .chain(spec.more_folders)
        .enumerate()
    {
        let root = cms_dir.join(folder);
        if i > 0 && !root.exists() {
            continue;
        }
        dirs.extend(
            std::fs::read_dir(&root)
                .map_err(|e| format!("{}: {e}", root.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir()),
        );
    }
    dirs.sort_by_key(|d| file_name(d));
    if let Some(w) = dirs
        .windows(2)
        .find(|w| file_name(&w[0]) == file_name(&w[1]))
    {
        return Err(format!(
            "release {} is in two folders: {} and {}",
            file_name(&w[0]),
            w[0].display(),
            w[1].display()
        ));
    }
    dirs.iter().map(|d| release_in(d, spec)).collect()
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The release in one folder: the folder must be named `YYYY-MM` and hold one file of the dataset (or
/// one of the highest rank); a date in the file's name must agree with the folder's.
pub fn release_in(dir: &Path, spec: &Spec) -> Result<ReleaseFile, Error> {
    let release = file_name(dir);
    let effective = folder_date(&release).ok_or_else(|| {
        format!(
            "{}: a release folder must be named YYYY-MM (the month the release takes effect)",
            dir.display()
        )
    })?;
    let mut found: Vec<(u8, PathBuf)> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| (spec.file_rank)(&file_name(&p)).map(|r| (r, p)))
        .collect();
    found.sort();
    let best = found.last().map(|(r, _)| *r);
    let top: Vec<PathBuf> = found
        .into_iter()
        .filter(|(r, _)| Some(*r) == best)
        .map(|(_, p)| p)
        .collect();
    let path = match top.as_slice() {
        [one] => one.clone(),
        [] => {
            return Err(format!(
                "{}: no {} file ({})",
                dir.display(),
                spec.name,
                spec.file_pattern
            ))
        }
        many => {
            return Err(format!(
                "{}: several {} files, {:?}: keep one",
                dir.display(),
                spec.name,
                many.iter().map(|p| file_name(p)).collect::<Vec<_>>()
            ))
        }
    };
    let name = file_name(&path);
    if let Some(d) = (spec.date_from_name)(&name) {
        if (d.year(), d.month()) != (effective.year(), effective.month()) {
            return Err(format!(
                "{}: the file name says the release of {}, the folder says {release}",
                path.display(),
                d.format("%Y-%m")
            ));
        }
    }
    Ok(ReleaseFile {
        release,
        effective,
        dir: dir.to_path_buf(),
        path,
        file_name: name,
    })
}

/// The one file in `dir` whose name starts with `prefix` and ends with `suffix` (ASCII case ignored),
/// if any; several is an error.
pub fn companion(dir: &Path, prefix: &str, suffix: &str) -> Result<Option<PathBuf>, Error> {
    let (prefix, suffix) = (upper(prefix), upper(suffix));
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = upper(&file_name(p));
            n.starts_with(&prefix) && n.ends_with(&suffix)
        })
        .collect();
    found.sort();
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => Err(format!(
            "{}: several {prefix}*{suffix} files: {found:?}",
            dir.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn release_dates_from_cms_file_names() {
        assert_eq!(
            anweb_date("HCPC2026_JAN_ANWEB_01122026.txt"),
            ymd(2026, 1, 1)
        );
        assert_eq!(anweb_date("HCPC2025_OCT_ANWEB.xlsx"), ymd(2025, 10, 1));
        assert_eq!(anweb_date("anweb.xlsx"), None);
        assert_eq!(
            anweb_revision("HCPC2026_JAN_ANWEB_01122026.txt"),
            ymd(2026, 1, 12)
        );
        assert_eq!(anweb_revision("HCPC2025_OCT_ANWEB.xlsx"), None);
        assert_eq!(fee_schedule_date("PPRRVU25_JAN.csv"), ymd(2025, 1, 1));
        assert_eq!(
            fee_schedule_date("PPRRVU2026_Jul_nonQPP.csv"),
            ymd(2026, 7, 1)
        );
        assert_eq!(fee_schedule_date("PPRRVU2026.csv"), None);
        assert_eq!(
            mue_date("MCR_MUE_PractitionerServices_Eff_04-01-2026.csv"),
            ymd(2026, 4, 1)
        );
        assert_eq!(add_on_date("AOC_V2026Q2-MCR.xlsx"), ymd(2026, 4, 1));
        assert_eq!(add_on_date("AOC_V2026Q5-MCR.xlsx"), None);
        assert_eq!(
            opps_date("AddendumB_2026_April_extract_softek.csv"),
            ymd(2026, 4, 1)
        );
        assert_eq!(
            opps_date("AddendumB_2025_October_extract_softek.csv"),
            ymd(2025, 10, 1)
        );
        assert_eq!(
            opps_date("2026_January_Web_Addendum_B.csv"),
            ymd(2026, 1, 1)
        );
        assert_eq!(opps_date("AddendumB_2026_Marching.csv"), None);
        assert_eq!(folder_date("2026-01"), ymd(2026, 1, 1));
        assert_eq!(folder_date("2026-13"), None);
        assert_eq!(folder_date("latest"), None);
    }

    #[test]
    fn which_files_belong_to_a_dataset() {
        assert_eq!(
            (HCPCS.file_rank)("HCPC2026_JAN_ANWEB_01122026.txt"),
            Some(2)
        );
        assert_eq!(
            (HCPCS.file_rank)("HCPC2026_JAN_ANWEB_01122026.xlsx"),
            Some(1)
        );
        assert_eq!((HCPCS.file_rank)("anweb.xlsx"), Some(1));
        assert_eq!(
            (HCPCS.file_rank)("HCPC2026_JAN_ANWEB_Corrections_01122026.xlsx"),
            None
        );
        assert_eq!(
            (HCPCS.file_rank)("HCPC2026_JAN_ANWEB_Transaction Report_12292025.xlsx"),
            None
        );
        assert_eq!((FEE_SCHEDULE.file_rank)("RVU25A.txt"), None);
        assert_eq!(
            (MUE.file_rank)("MCR_MUE_PractitionerServices_Eff_04-01-2026.xlsx"),
            None
        );
    }

    /// A temporary CMS directory with the given files (empty), removed on drop.
    struct TempTree(PathBuf);
    impl TempTree {
        fn new(tag: &str, files: &[&str]) -> TempTree {
            let root =
                std::env::temp_dir().join(format!("hcpcs-import-{tag}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            for f in files {
                let p = root.join(f);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, b"").unwrap();
            }
            TempTree(root)
        }
    }
    impl Drop for TempTree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn locating_release_files() {
        let t = TempTree::new(
            "locate",
            &[
                "hcpcs/2025-10/HCPC2025_OCT_ANWEB.xlsx",
                "hcpcs/2026-01/HCPC2026_JAN_ANWEB_01122026.txt",
                "hcpcs/2026-01/HCPC2026_JAN_ANWEB_01122026.xlsx",
                "hcpcs/2026-01/HCPC2026_JAN_ANWEB_Corrections_01122026.xlsx",
                "hcpcs/2026-01/proc_notes_JAN2026.txt",
            ],
        );
        let r = releases(&t.0, &HCPCS).unwrap();
        let got: Vec<(&str, &str)> = r
            .iter()
            .map(|r| (r.release.as_str(), r.file_name.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("2025-10", "HCPC2025_OCT_ANWEB.xlsx"),
                ("2026-01", "HCPC2026_JAN_ANWEB_01122026.txt")
            ]
        );
        assert_eq!(r[1].effective, ymd(2026, 1, 1).unwrap());
        let notes = companion(&r[1].dir, "proc_notes_", ".txt")
            .unwrap()
            .unwrap();
        assert!(notes.ends_with("proc_notes_JAN2026.txt"));
        assert_eq!(companion(&r[0].dir, "proc_notes_", ".txt").unwrap(), None);
    }

    #[test]
    fn a_file_name_that_disagrees_with_its_folder_is_an_error() {
        let t = TempTree::new("disagree", &["pfs-rvu/2026-04/PPRRVU2026_Jul_nonQPP.csv"]);
        let e = releases(&t.0, &FEE_SCHEDULE).unwrap_err();
        assert!(
            e.contains("the file name says the release of 2026-07, the folder says 2026-04"),
            "{e}"
        );
        let t = TempTree::new(
            "badfolder",
            &["ncci-mue/latest/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv"],
        );
        let e = releases(&t.0, &MUE).unwrap_err();
        assert!(e.contains("must be named YYYY-MM"), "{e}");
        let t = TempTree::new("none", &["ncci-aoc/2026-04/README.txt"]);
        let e = releases(&t.0, &ADD_ON).unwrap_err();
        assert!(
            e.contains("no add_on file (AOC_V<year>Q<n>-MCR.xlsx)"),
            "{e}"
        );
    }
}
