// A chain with a cycle: each version names the other as older. One of them is not older, and
// that declaration is refused, on its path.
use wiremsg::WireMessage;

#[derive(WireMessage, Debug)]
#[wire(name = "chat.Message", version = 1, migrate_from = ChatV2)]
struct ChatV1 {
    text: String,
}

#[derive(WireMessage, Debug)]
#[wire(name = "chat.Message", version = 2, migrate_from = ChatV1)]
struct ChatV2 {
    text: String,
}

impl From<ChatV1> for ChatV2 {
    fn from(old: ChatV1) -> ChatV2 {
        ChatV2 { text: old.text }
    }
}

impl From<ChatV2> for ChatV1 {
    fn from(new: ChatV2) -> ChatV1 {
        ChatV1 { text: new.text }
    }
}

fn main() {}
