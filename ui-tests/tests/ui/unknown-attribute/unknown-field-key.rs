use wiremsg::WireMessage;

#[derive(WireMessage)]
struct ChatMessage {
    #[wire(json)]
    text: String,
}

fn main() {}
