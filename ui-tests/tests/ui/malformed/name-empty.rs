use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(name = "")]
struct ChatMessage {
    text: String,
}

fn main() {}
