use wiremsg::WireMessage;

#[derive(WireMessage, wiremsg::rkyv::Archive, wiremsg::rkyv::Serialize, wiremsg::rkyv::Deserialize)]
#[rkyv(crate = wiremsg::rkyv)]
#[wire(external_rkyv)]
struct Request {
    #[wire(as_json)]
    params: String,
    #[wire(skip)]
    cache: Vec<u8>,
    #[wire(recursive)]
    next: Vec<u8>,
}

fn main() {}
