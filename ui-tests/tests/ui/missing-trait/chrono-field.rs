// A chrono timestamp, which rkyv archives only through a wrapper: the first error names it.
use wiremsg::WireMessage;

#[derive(WireMessage)]
struct Chat {
    text: String,
    sent_at: chrono::DateTime<chrono::Utc>,
}

fn main() {}
