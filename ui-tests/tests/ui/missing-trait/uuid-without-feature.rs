// A `uuid::Uuid` field while wiremsg's `uuid` feature is off: the first error names the feature.
use wiremsg::WireMessage;

#[derive(WireMessage)]
struct Chat {
    id: uuid::Uuid,
    text: String,
}

fn main() {}
