//! The rkyv impls: a hidden shadow carrying rkyv's own derive and the item's forwarding impls
//! (`shadow.rs`), and the comparisons between the item and its archived form that
//! `#[rkyv(compare(...))]` asks for (`compare.rs`).

mod compare;
mod copy;
mod shadow;

pub use self::shadow::expand;
