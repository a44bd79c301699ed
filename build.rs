//! Compiles the crate's `data/` files (and, with the `cpt` feature, the CPT/CDT rows of your own CMS
//! files) into `$OUT_DIR/hcpcs_tables.rs`. The work is in the `hcpcs-build` crate.

fn main() {
    if let Err(e) = hcpcs_build::run() {
        eprintln!("\nerror: the hcpcs tables cannot be built:\n  {e}\n");
        std::process::exit(1);
    }
}
