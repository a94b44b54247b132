use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(name = "chat.Message", compress)]
struct ChatMessage {
    text: String,
}

fn main() {}
