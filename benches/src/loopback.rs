//! What the loopback throughput benches (`benches/loopback.rs`, `benches/websocket.rs`) share:
//! the numbered messages they send and their `--messages N` argument.

use crate::messages::ChatMessage;

/// The `seq`th chat message of a run: the sample's fields, its id and time numbered.
pub fn numbered_chat(seq: usize) -> ChatMessage {
    ChatMessage {
        id: format!("msg-{seq}"),
        content: "Hello, World!".into(),
        timestamp: 1_700_000_000_000 + seq as u64,
        sender: "alice".into(),
        room_id: "lobby".into(),
    }
}

/// `--messages N` from the command line, or `default` (cargo bench passes `--bench` too, which
/// is ignored).
pub fn message_count(default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|arg| arg == "--messages")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse().expect("--messages takes a number"))
        .unwrap_or(default)
}
