use wiremsg::{Codec, CodecKind, Header, HybridCodec, JsonCodec, RkyvCodec, WireMessage};
use wiremsg_tests::*;

fn chat() -> ChatMessage {
    ChatMessage {
        id: "m1".into(),
        content: "Hello, World!".into(),
        timestamp: 1_234_567_890,
        sender: "alice".into(),
        room_id: "lobby".into(),
    }
}

#[test]
fn chat_round_trips() {
    let msg = chat();
    let frame = msg.to_wire().unwrap();
    assert_eq!(Header::parse(&frame).unwrap().codec(), CodecKind::Rkyv);
    assert_eq!(ChatMessage::from_wire(&frame).unwrap(), msg);
    let back: ChatMessage = RkyvCodec::new()
        .decode(&RkyvCodec::new().encode(&msg).unwrap())
        .unwrap();
    assert_eq!(back, msg);
    let back: ChatMessage = JsonCodec::new()
        .decode(&JsonCodec::new().encode(&msg).unwrap())
        .unwrap();
    assert_eq!(back, msg);
    let rpc = RpcRequest {
        id: "r".into(),
        method: "sum".into(),
        params: serde_json::json!({"a": [1, 2, 3]}),
        method_type: RpcMethod::Stream { chunk: 4 },
    };
    let back: RpcRequest = HybridCodec::new().decode(&rpc.to_wire().unwrap()).unwrap();
    assert_eq!(back, rpc);
    let e = Expr::Add(
        Box::new(Expr::Num(1)),
        Box::new(Expr::Call {
            name: "f".into(),
            args: vec![Expr::Num(2)],
        }),
    );
    assert_eq!(Expr::from_wire(&e.to_wire().unwrap()).unwrap(), e);
    let env = Envelope {
        seq: 1,
        body: chat(),
    };
    assert_eq!(
        Envelope::<ChatMessage>::from_wire(&env.to_wire().unwrap()).unwrap(),
        env
    );
    let a = AuditEvent {
        details: serde_json::json!(null),
    };
    assert_eq!(AuditEvent::from_wire(&a.to_wire().unwrap()).unwrap(), a);
    assert_eq!(
        Heartbeat::from_wire(&Heartbeat.to_wire().unwrap()).unwrap(),
        Heartbeat
    );
    let p = Pair(3, "x".into());
    assert_eq!(Pair::from_wire(&p.to_wire().unwrap()).unwrap(), p);
    let ev = Everything::default();
    assert_eq!(Everything::from_wire(&ev.to_wire().unwrap()).unwrap(), ev);
}
