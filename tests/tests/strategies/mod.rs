//! Proptest strategies for the shared test messages, used by the property-test binaries.
// Each test binary uses some of them.
#![allow(dead_code)]

use proptest::collection::{hash_map, vec};
use proptest::prelude::*;
use wiremsg_tests::{
    AuditEvent, ChatMessage, Envelope, Everything, Expr, Pair, RpcMethod, RpcRequest,
};

pub fn chat() -> impl Strategy<Value = ChatMessage> {
    (
        any::<String>(),
        any::<String>(),
        any::<u64>(),
        any::<String>(),
        any::<String>(),
    )
        .prop_map(|(id, content, timestamp, sender, room_id)| ChatMessage {
            id,
            content,
            timestamp,
            sender,
            room_id,
        })
}

/// JSON values that survive a serde_json round trip unchanged (no floats: `NaN` has no JSON).
pub fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            hash_map(any::<String>(), inner, 0..6)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

pub fn rpc_method() -> impl Strategy<Value = RpcMethod> {
    prop_oneof![
        Just(RpcMethod::Call),
        Just(RpcMethod::Notify),
        any::<u32>().prop_map(|chunk| RpcMethod::Stream { chunk }),
    ]
}

pub fn rpc() -> impl Strategy<Value = RpcRequest> {
    (any::<String>(), any::<String>(), json_value(), rpc_method()).prop_map(
        |(id, method, params, method_type)| RpcRequest {
            id,
            method,
            params,
            method_type,
        },
    )
}

pub fn expr() -> impl Strategy<Value = Expr> {
    any::<i64>()
        .prop_map(Expr::Num)
        .prop_recursive(5, 48, 4, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| Expr::Add(Box::new(a), Box::new(b))),
                (any::<String>(), vec(inner, 0..4))
                    .prop_map(|(name, args)| Expr::Call { name, args }),
            ]
        })
}

pub fn everything() -> impl Strategy<Value = Everything> {
    (
        any::<Option<String>>(),
        vec(any::<u32>(), 0..8),
        hash_map(any::<String>(), any::<i64>(), 0..4),
        any::<u64>(),
        vec(chat(), 0..3),
        any::<(u8, bool)>(),
        // Finite floats only: JSON cannot carry NaN or infinities.
        -1e300f64..1e300,
        any::<[u8; 4]>(),
    )
        .prop_map(
            |(maybe, list, map, boxed, nested, pair, ratio, bytes)| Everything {
                maybe,
                list,
                map,
                boxed: Box::new(boxed),
                nested,
                pair,
                ratio,
                bytes,
            },
        )
}

pub fn envelope() -> impl Strategy<Value = Envelope<Vec<Pair>>> {
    (
        any::<u32>(),
        vec(
            (any::<u32>(), any::<String>()).prop_map(|(n, s)| Pair(n, s)),
            0..4,
        ),
    )
        .prop_map(|(seq, body)| Envelope { seq, body })
}

/// A chat message whose content repeats a short word: it compresses well once long.
pub fn compressible_chat() -> impl Strategy<Value = ChatMessage> {
    (chat(), "[a-z ]{1,8}", 0..400usize).prop_map(|(mut chat, word, times)| {
        chat.content = word.repeat(times);
        chat
    })
}

/// A JSON-only message.
pub fn audit() -> impl Strategy<Value = AuditEvent> {
    json_value().prop_map(|details| AuditEvent { details })
}
