use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(codec = "json")]
struct Gauge {
    #[serde(getter = "Gauge::level")]
    level: u8,
}

impl Gauge {
    fn level(&self) -> u8 {
        self.level
    }
}

fn main() {}
