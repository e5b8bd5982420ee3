//! The command line's error paths as data: `tests/cmd/*.md`, each block a
//! command, what it prints and its exit status (trycmd runs the built
//! `ctg`, as a user would).

#[test]
fn error_paths_as_written_in_tests_cmd() {
    trycmd::TestCases::new()
        .register_bin("ctg", std::path::Path::new(env!("CARGO_BIN_EXE_ctg")))
        .case("tests/cmd/*.md");
}
