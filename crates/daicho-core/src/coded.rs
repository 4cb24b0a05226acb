//! `coded!`: an error enum's stable codes, parameters and field issues, from one line per
//! variant. Every variant is listed (the match is exhaustive, so a new one cannot lack a code),
//! parameters are the variant's own field names, and wrapped errors forward all three.
//!
//! ```text
//! coded!(CardError {
//!     NotFound { id } => code("card.not_found"),      // params: id
//!     BadId(id) => code("card.bad_id", "id"),          // a tuple variant's one parameter
//!     Invalid(issues) => fields("card.invalid"),       // the issues beside their fields
//!     Io { path, source } => io("import.io"),          // disk.full etc. where the system says so
//!     Card(e) => inner,                                // code, params and fields of `e`
//!     Storage(e) => storage,                           // by what went wrong, never SQLite's text
//!     Migration(e) => detail("ledger.migration"),      // the wrapped error's text as `detail`
//! });
//! ```

macro_rules! coded {
    ($ty:ident {
        $($variant:ident $({ $($field:ident),* $(,)? })? $(($inner:ident))?
            => $kind:ident $(($($arg:tt)*))?),* $(,)?
    }) => {
        impl $crate::error::Coded for $ty {
            #[allow(unused_variables)]
            fn code(&self) -> &'static str {
                match self {
                    $($ty::$variant $({ $($field),* })? $(($inner))? =>
                        coded!(@code $kind ($($($arg)*)?) $({ $($field),* })? $(($inner))?)),*
                }
            }
            #[allow(unused_variables)]
            fn params(&self) -> std::collections::BTreeMap<String, String> {
                match self {
                    $($ty::$variant $({ $($field),* })? $(($inner))? =>
                        coded!(@params $kind ($($($arg)*)?) $({ $($field),* })? $(($inner))?)),*
                }
            }
            #[allow(unused_variables)]
            fn fields(&self) -> Vec<$crate::error::FieldIssue> {
                match self {
                    $($ty::$variant $({ $($field),* })? $(($inner))? =>
                        coded!(@fields $kind $(($inner))?)),*
                }
            }
        }

        impl $ty {
            /// The codes this error has of its own; wrapped errors and storage have theirs.
            #[allow(unused_mut, clippy::vec_init_then_push)]
            pub fn codes() -> Vec<&'static str> {
                let mut codes = Vec::new();
                $(coded!(@push codes $kind ($($($arg)*)?));)*
                codes
            }
        }
    };

    (@code $kind:ident ($c:literal $(, $n:literal)?) $($b:tt)*) => {
        coded!(@own_code $kind $c $($b)*)
    };
    (@code inner () ($e:ident)) => { $crate::error::Coded::code($e) };
    (@code storage () ($e:ident)) => { $crate::error::storage_code($e) };
    (@own_code io $c:literal { $path:ident, $source:ident }) => {
        $crate::error::io_code($source, $c)
    };
    (@own_code $kind:ident $c:literal $($b:tt)*) => { $c };

    (@params code ($c:literal) { $($f:ident),* }) => {
        [$((stringify!($f).to_owned(), $crate::error::Param::param($f))),*].into_iter().collect()
    };
    (@params code ($c:literal)) => { std::collections::BTreeMap::new() };
    (@params code ($c:literal, $n:literal) ($e:ident)) => {
        [($n.to_owned(), $crate::error::Param::param($e))].into_iter().collect()
    };
    (@params fields ($c:literal) ($e:ident)) => { std::collections::BTreeMap::new() };
    (@params detail ($c:literal) ($e:ident)) => {
        [("detail".to_owned(), $e.to_string())].into_iter().collect()
    };
    (@params io ($c:literal) { $path:ident, $source:ident }) => {
        $crate::error::io_params($path, $source, $c)
    };
    (@params inner () ($e:ident)) => { $crate::error::Coded::params($e) };
    (@params storage () ($e:ident)) => { $crate::error::storage_params($e) };

    (@fields fields ($e:ident)) => { $e.clone() };
    (@fields inner ($e:ident)) => { $crate::error::Coded::fields($e) };
    (@fields $kind:ident $($b:tt)*) => { Vec::new() };

    (@push $v:ident $kind:ident ($c:literal $(, $n:literal)?)) => { $v.push($c) };
    (@push $v:ident $kind:ident ()) => {};
}
