//! What the loopback throughput benches (`benches/loopback.rs`, `benches/websocket.rs`) share:
//! the numbered messages they send, their `--messages N` argument, and the set-up of each side.

use crate::messages::ChatMessage;
use std::net::{SocketAddr, TcpListener};

/// A single-threaded tokio runtime with I/O, for one side of a connection on a thread of its own.
pub fn side_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap()
}

/// A listener on a free loopback port, ready for tokio's `TcpListener::from_std`, and its address.
pub fn loopback_listener() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap(); // as tokio's `from_std` requires
    let address = listener.local_addr().unwrap();
    (listener, address)
}

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
