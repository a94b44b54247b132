use wiremsg::WireMessage;

pub struct Duration {
    pub secs: u64,
}

#[derive(WireMessage)]
#[serde(remote = "Duration")]
struct DurationDef {
    secs: u64,
}

fn main() {}
