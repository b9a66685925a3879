//! The `keepers` binary: everything lives in the library; see `keepers::cli`.

fn main() -> std::process::ExitCode {
    keepers::cli::main()
}
