// #[wire(as_json)], #[wire(skip)] and the codec choices.
use wiremsg::{CodecKind, Header, WireMessage};

struct NotSerializable;

impl Default for NotSerializable {
    fn default() -> Self {
        NotSerializable
    }
}

#[derive(WireMessage)]
#[wire(name = "rpc.Request", id = 0x0102_0304, version = 7, codec = "rkyv")]
struct Request {
    method: String,
    #[wire(as_json)]
    params: serde_json::Value,
    #[wire(skip)]
    cache: NotSerializable,
}

#[derive(WireMessage, Debug, PartialEq)]
#[wire(codec = "json")]
struct Audit {
    details: serde_json::Value,
}

fn main() {
    assert_eq!(Request::TYPE_ID, 0x0102_0304);
    assert_eq!(Request::SCHEMA_VERSION, 7);
    assert_eq!(Request::CODEC, CodecKind::Rkyv);
    let request = Request {
        method: "sum".into(),
        params: serde_json::json!([1, 2]),
        cache: NotSerializable,
    };
    let frame = request.to_wire().unwrap();
    let header = Header::parse(&frame).unwrap();
    assert_eq!((header.codec(), header.schema_version()), (CodecKind::Rkyv, 7));
    let back = Request::from_wire(&frame).unwrap();
    assert_eq!((back.method.as_str(), &back.params), ("sum", &serde_json::json!([1, 2])));

    let audit = Audit { details: serde_json::json!({"who": "ada"}) };
    let frame = audit.to_wire().unwrap();
    assert_eq!(Header::parse(&frame).unwrap().codec(), CodecKind::Json);
    assert_eq!(Audit::from_wire(&frame).unwrap(), audit);
}
