// serde's derive takes an enum without variants; rkyv cannot archive one. The derive says so on
// the enum, with the fix, instead of rkyv's errors from inside its derive.
use wiremsg::WireMessage;

#[derive(WireMessage)]
enum Never {}

// With codec = "json" it derives.
#[derive(WireMessage)]
#[wire(codec = "json")]
enum Impossible {}

fn main() {}
