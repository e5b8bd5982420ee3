fn main() -> std::process::ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    ctg::run(std::env::args_os(), &mut stdout.lock(), &mut stderr.lock()).into()
}
