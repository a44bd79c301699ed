//! Binary-size probe (see README.md, "Build cost"): the same kind of program as `size_with_tables`,
//! parsing codes with the crate but linking no table.
//!
//! ```text
//! cargo run --release --example size_without_tables -- Q2057
//! ```

fn main() {
    for arg in std::env::args().skip(1) {
        match arg.parse::<hcpcs::Code>() {
            Ok(c) => println!("{c} {}", c.shape()),
            Err(e) => println!("{e}"),
        }
    }
    println!("{} records", std::env::args().count());
}
