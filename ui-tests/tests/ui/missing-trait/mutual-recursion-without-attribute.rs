// Two types that contain each other (through `Vec`, not `Box<Self>`, which the derive marks on
// its own): one error, a cycle naming `Forest: Archive` and `Tree: Archive` (was 20 overflow
// errors). The fix, `#[wire(recursive)]` on the field that closes the cycle, is in the README's
// "Field types" section; the derive sees one item at a time and cannot name it here.
use wiremsg::WireMessage;

#[derive(WireMessage)]
struct Forest {
    trees: Vec<Tree>,
}

#[derive(WireMessage)]
struct Tree {
    value: u32,
    forest: Vec<Forest>,
}

fn main() {}
