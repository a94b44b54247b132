use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(name = chat_message)]
struct ChatMessage {
    text: String,
}

fn main() {}
