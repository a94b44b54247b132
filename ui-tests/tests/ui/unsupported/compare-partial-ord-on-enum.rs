use wiremsg::WireMessage;

#[derive(WireMessage)]
#[rkyv(compare(PartialEq, PartialOrd, Hash))]
enum Command {
    Leave,
    Join(String),
}

fn main() {}
