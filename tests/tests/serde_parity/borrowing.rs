//! Borrowing: `&'a str` and `#[serde(borrow)] Cow<'a, str>` need `'de: 'a`. rkyv cannot archive
//! borrowed fields: codec = "json".

use std::borrow::Cow;

parity! {
    borrowed [#[wire(codec = "json")]]
    items {
        {
            struct Borrowed<'a> {
                text: &'a str,
                #[serde(borrow)]
                cow: Cow<'a, str>,
                owned_cow: Cow<'a, str>,
            }
        }
        {
            struct TwoLifetimes<'a, 'b> {
                a: &'a str,
                #[serde(borrow = "'b")]
                b: Cow<'b, str>,
            }
        }
        {
            enum BorrowedEnum<'a> {
                Text(&'a str),
                Both {
                    a: &'a str,
                    #[serde(borrow)]
                    b: Cow<'a, str>,
                },
                Owned(String),
            }
        }
    }
    check Borrowed<'static> {
        values: [Borrowed { text: "t", cow: Cow::Borrowed("c"), owned_cow: Cow::Owned("o".into()) }],
        inputs: [
            r#"{"text":"t","cow":"c","owned_cow":"o"}"#,
            r#"{"text":"t\n","cow":"c","owned_cow":"o"}"#,
            r#"{"text":"t","cow":"c\n","owned_cow":"o\n"}"#,
        ],
    }
    check TwoLifetimes<'static, 'static> {
        values: [TwoLifetimes { a: "a", b: Cow::Borrowed("b") }],
        inputs: [r#"{"a":"a","b":"b"}"#, r#"{"a":"a","b":"\u0062"}"#],
    }
    check BorrowedEnum<'static> {
        values: [
            BorrowedEnum::Text("t"),
            BorrowedEnum::Both { a: "a", b: "b".into() },
            BorrowedEnum::Owned("o".into()),
        ],
        inputs: [
            r#"{"Text":"t"}"#,
            r#"{"Both":{"a":"a","b":"b"}}"#,
            r#"{"Owned":"o\t"}"#,
            r#"{"Text":"\t"}"#,
        ],
    }
}

parity! {
    borrowed_forms [#[wire(codec = "json")]]
    items {
        {
            #[serde(default)]
            struct DefaultBorrowed<'a> {
                #[serde(borrow)]
                text: Cow<'a, str>,
                n: u8,
            }
        }
        {
            struct Outlives<'a, 'b: 'a> {
                short: &'a str,
                long: &'b str,
            }
        }
        {
            struct Nested<'a> {
                #[serde(borrow)]
                inner: Outlives<'a, 'a>,
                tail: &'a str,
            }
        }
        {
            /// Not borrowed: `Deserialize<'de>` for every `'de`, so `DeserializeOwned`.
            struct OnlyCow<'a> {
                text: Cow<'a, str>,
            }
        }
        {
            /// Borrows `'static`: `Deserialize<'static>` only.
            struct StaticStr {
                text: &'static str,
            }
        }
    }
    shared {
        impl Default for DefaultBorrowed<'_> {
            fn default() -> Self {
                DefaultBorrowed { text: Cow::Borrowed("dflt"), n: 1 }
            }
        }
    }
    check DefaultBorrowed<'static> {
        values: [DefaultBorrowed { text: "x".into(), n: 2 }],
        inputs: ["{}", r#"{"text":"t"}"#, r#"{"n":5}"#, r#"{"text":"\n"}"#],
    }
    check Outlives<'static, 'static> {
        values: [Outlives { short: "s", long: "l" }],
        inputs: [r#"{"short":"s","long":"l"}"#, r#"{"short":"\n","long":"l"}"#],
    }
    check OnlyCow<'static> {
        values: [OnlyCow { text: "t".into() }],
        inputs: [r#"{"text":"t"}"#, r#"{"text":"\n"}"#],
    }
    check StaticStr {
        values: [StaticStr { text: "t" }],
        inputs: [r#"{"text":"t"}"#, r#"{"text":"\n"}"#],
    }
    check Nested<'static> {
        values: [Nested { inner: Outlives { short: "s", long: "l" }, tail: "t" }],
        inputs: [
            r#"{"inner":{"short":"s","long":"l"},"tail":"t"}"#,
            r#"{"inner":{"short":"s"},"tail":"t"}"#,
        ],
    }
    round_trip { OnlyCow<'static> => [OnlyCow { text: "t".into() }] }
}
