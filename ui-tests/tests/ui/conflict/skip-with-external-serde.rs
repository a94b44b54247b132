use wiremsg::WireMessage;

#[derive(WireMessage, serde::Serialize, serde::Deserialize)]
#[wire(external_serde)]
struct Request {
    #[wire(skip)]
    cache: Vec<u8>,
    id: u64,
}

fn main() {}
