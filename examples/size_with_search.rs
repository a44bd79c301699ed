//! Binary-size probe: what `size_with_tables` does, plus description search, so that the difference
//! between the two stripped binaries is what the search index and its code add (README.md, "Build
//! cost").

fn main() {
    for arg in std::env::args().skip(1) {
        match hcpcs::lookup(&arg) {
            Ok(r) => println!("{r} {:?}", r.processing_note().map(|n| n.number())),
            Err(e) => println!("{e}"),
        }
        println!("{} hits", hcpcs::search::search(&arg).len());
    }
    println!("{} records", hcpcs::records().count());
}
