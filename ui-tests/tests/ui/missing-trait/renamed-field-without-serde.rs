// A renamed field whose type lacks serde support: `rename` changes only the name, so the first
// error still names the type and the fix.
use wiremsg::WireMessage;

struct Opaque;

#[derive(WireMessage)]
#[wire(codec = "json")]
#[serde(rename_all = "camelCase")]
struct Request {
    request_id: u64,
    #[serde(rename = "h")]
    handle: Opaque,
}

fn main() {}
