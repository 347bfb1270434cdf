//! `--floor NAME=VALUE` arguments, shared by the accuracy runners.

/// Every `--floor NAME=VALUE` in `args`, in order.
pub fn floors<'a>(
    args: impl IntoIterator<Item = &'a String>,
) -> Result<Vec<(String, f64)>, String> {
    let mut out = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        if a == "--floor" {
            let spec = it.next().ok_or("--floor needs NAME=VALUE")?;
            let (k, v) = spec.split_once('=').ok_or("--floor needs NAME=VALUE")?;
            out.push((
                k.to_string(),
                v.parse().map_err(|_| format!("bad floor {spec}"))?,
            ));
        }
    }
    Ok(out)
}
