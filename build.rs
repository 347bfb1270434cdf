//! Embeds the corpus blob named by `AE_CORPUS_BLOB` (made by `ae-build`);
//! without it an empty blob is embedded and the wasm reports that no corpus
//! was built in.
use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=AE_CORPUS_BLOB");
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("corpus.bin");
    let bytes = match env::var_os("AE_CORPUS_BLOB") {
        Some(path) => {
            println!("cargo:rerun-if-changed={}", PathBuf::from(&path).display());
            match fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    println!(
                        "cargo:warning=cannot read AE_CORPUS_BLOB {}: {e}",
                        PathBuf::from(&path).display()
                    );
                    std::process::exit(1);
                }
            }
        }
        None => Vec::new(),
    };
    if let Err(e) = fs::write(&out, bytes) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
}
