use wiremsg::{Codec, RkyvCodec, WireMessage};

#[derive(WireMessage)]
#[wire(codec = "json")]
struct Audit {
    details: serde_json::Value,
}

fn main() {
    let audit = Audit { details: serde_json::Value::Null };
    let _ = RkyvCodec::new().encode(&audit);
}
