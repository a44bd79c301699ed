//! Binary-size probe (see README.md, "Build cost"): links every table. Compare its stripped release
//! size with `size_without_tables`, which uses the same crate but no table.
//!
//! ```text
//! cargo run --release --example size_with_tables -- Q2057
//! ```

fn main() {
    for arg in std::env::args().skip(1) {
        match hcpcs::lookup(&arg) {
            Ok(r) => println!("{r} {:?}", r.processing_note().map(|n| n.number())),
            Err(e) => println!("{e}"),
        }
    }
    println!("{} records", hcpcs::records().count());
}
