//! `claimmark eval`: accuracy against external test sets. (Being written.)
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The suite to run.
    pub suite: String,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    Err(format!("eval suite {:?}: not written yet", args.suite))
}
