//! `from` / `into` / `try_from`, `transparent`.

use std::marker::PhantomData;

parity! {
    conversions []
    items {
        {
            #[derive(Clone)]
            #[serde(from = "u32", into = "u32")]
            struct Meters { mm: u64 }
        }
        {
            #[serde(try_from = "i64")]
            struct Positive { n: u32 }
        }
        {
            #[serde(transparent)]
            struct Id(u64);
        }
        {
            #[serde(transparent)]
            struct Label {
                text: String,
                #[serde(skip)]
                marker: PhantomData<u8>,
            }
        }
    }
    shared {
        impl From<u32> for Meters {
            fn from(m: u32) -> Self {
                Meters { mm: u64::from(m) * 1000 }
            }
        }
        impl From<Meters> for u32 {
            fn from(m: Meters) -> u32 {
                (m.mm / 1000) as u32
            }
        }
        impl TryFrom<i64> for Positive {
            type Error = String;
            fn try_from(n: i64) -> Result<Self, String> {
                u32::try_from(n).map(|n| Positive { n }).map_err(|_| format!("{n} is not positive"))
            }
        }
    }
    check Meters { values: [Meters { mm: 3000 }], inputs: ["3", "\"3\"", "-3"] }
    check Positive { values: [Positive { n: 3 }], inputs: ["3", "-3", "{\"n\":3}"] }
    check Id { values: [Id(9)], inputs: ["9", "[9]", "\"9\""] }
    check Label {
        values: [Label { text: "t".into(), marker: PhantomData }],
        inputs: ["\"t\"", "{\"text\":\"t\"}"],
    }
    round_trip { Meters => [Meters { mm: 4000 }], Id => [Id(1)] }
}
