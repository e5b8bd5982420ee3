// A whole repository is thousands of small allocations per file (parser
// events, tree nodes); mimalloc makes them markedly cheaper than glibc's
// malloc, especially across threads (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // Not locked for the whole run: `ctg lsp` writes from its own thread.
    let (mut stdout, mut stderr) = (std::io::stdout(), std::io::stderr());
    ctg::run(std::env::args_os(), &mut stdout, &mut stderr).into()
}
