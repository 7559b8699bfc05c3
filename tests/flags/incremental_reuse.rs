// Built twice into one incremental cache, with `--cfg first` and then `--cfg second`: only
// `edited` changes, so rustc must reuse the object of `stable`'s codegen unit and redo
// `edited`'s. `-Zquery-dep-graph` makes rustc check these expectations and fail otherwise.
#![feature(rustc_attrs)]
#![allow(internal_features)]
#![rustc_partition_reused(module = "incremental_reuse-stable", cfg = "second")]
#![rustc_partition_codegened(module = "incremental_reuse-edited", cfg = "second")]

mod stable {
    #[inline(never)]
    pub fn answer() -> u32 {
        6 * 7
    }
}

mod edited {
    #[cfg(first)]
    #[inline(never)]
    pub fn greeting() -> &'static str {
        "first build"
    }

    #[cfg(second)]
    #[inline(never)]
    pub fn greeting() -> &'static str {
        "second build"
    }
}

fn main() {
    println!("{}: {}", edited::greeting(), stable::answer());
}
