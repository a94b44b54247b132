use wiremsg::{HybridCodec, WireMessage};

#[derive(WireMessage)]
#[wire(codec = "json")]
struct Audit {
    details: serde_json::Value,
}

fn main() {
    let bytes = [0u8; 32];
    let _ = HybridCodec::new().view::<Audit>(&bytes);
}
