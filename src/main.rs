// A whole repository is thousands of small allocations per file (parser
// events, tree nodes); mimalloc makes them markedly cheaper than glibc's
// malloc, especially across threads (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    ctg::run(std::env::args_os(), &mut stdout.lock(), &mut stderr.lock()).into()
}
