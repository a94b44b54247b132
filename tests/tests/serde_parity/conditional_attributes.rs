//! Attributes under `cfg` and `cfg_attr`.

// `cfg` and `cfg_attr` are resolved before any derive sees the item.
parity! {
    cfg_attrs []
    items {
        {
            #[cfg_attr(all(), serde(rename_all = "SCREAMING_SNAKE_CASE"))]
            struct Configured {
                #[cfg(any())]
                gone: u8,
                #[cfg_attr(all(), serde(rename = "kept"))]
                stays: u8,
                #[cfg_attr(any(), serde(skip))]
                other_field: u8,
            }
        }
    }
    check Configured {
        values: [Configured { stays: 1, other_field: 2 }],
        inputs: [r#"{"kept":1,"OTHER_FIELD":2}"#, r#"{"kept":1,"GONE":2}"#],
    }
}
