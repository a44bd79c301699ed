//! What the command-line examples share.

/// A closed pipe on standard output (`lookup … | head -1`) ends the program quietly with status 0, as
/// command-line tools do, instead of Rust's "failed printing to stdout: Broken pipe" panic (Rust
/// ignores SIGPIPE, so `println!` panics when the reader has gone).
pub fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info)
    }));
}
