use wiremsg::WireMessage;

#[derive(WireMessage)]
enum Command {
    #[wire(id = 7)]
    Join(String),
    Leave,
}

fn main() {}
