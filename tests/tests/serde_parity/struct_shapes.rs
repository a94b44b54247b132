//! Shapes: unit, newtype and tuple structs, whose error messages name the container.

parity! {
    shapes []
    items {
        { struct Unit; }
        { struct Newtype(u32); }
        { struct Tuple(u8, String); }
        { struct Empty {} }
        { #[serde(expecting = "a widget, please")] struct Widget { a: u8 } }
    }
    check Unit { values: [Unit], inputs: ["{\"a\":1}"] }
    check Newtype { values: [Newtype(7)], inputs: ["7", "[7]", "\"7\""] }
    check Tuple { values: [Tuple(1, "x".into())], inputs: ["[1,\"x\"]", "[1]", "[1,\"x\",2]"] }
    check Empty { values: [Empty {}], inputs: ["{\"a\":1}"] }
    check Widget { values: [Widget { a: 1 }], inputs: ["{\"a\":1}"] }
    round_trip { Unit => [Unit], Newtype => [Newtype(3)], Tuple => [Tuple(1, "x".into())] }
}
