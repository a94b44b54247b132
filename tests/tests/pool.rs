//! `BufferPool`: reuse, bounds, settings, counters, `Debug` output, and a multi-threaded stress
//! test.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::thread;
use wiremsg::{BufferPool, HybridCodec, PooledBuffer, WireMessage};
use wiremsg_tests::ChatMessage;

/// The sample chat message, sent by `sender` at `timestamp`: each thread's own.
fn chat_from(sender: &str, timestamp: u64) -> ChatMessage {
    ChatMessage {
        timestamp,
        sender: sender.into(),
        ..ChatMessage::sample()
    }
}

#[test]
fn a_returned_buffer_is_reused_cleared() {
    let pool = BufferPool::new();
    let mut buf = pool.get();
    chat_from("a", 1).encode_into(&mut buf).unwrap();
    let address = buf.as_ptr();
    drop(buf);
    let buf = pool.get();
    assert_eq!(buf.as_ptr(), address, "the same allocation came back");
    assert!(buf.is_empty());
    let stats = pool.stats();
    assert_eq!(
        (stats.hits, stats.misses, stats.returns, stats.discards),
        (1, 1, 1, 0)
    );
    assert_eq!(stats.available, 0);
    assert_eq!(stats.hit_rate(), 0.5);
}

#[test]
fn buffers_out_at_once_are_distinct() {
    let pool = BufferPool::new();
    let guards: Vec<PooledBuffer> = (0..10).map(|_| pool.get()).collect();
    let addresses: HashSet<_> = guards.iter().map(|buf| buf.as_ptr()).collect();
    assert_eq!(addresses.len(), 10);
    drop(guards);
    assert_eq!(pool.stats().available, 10);
}

#[test]
fn the_pool_keeps_at_most_max_buffers() {
    let pool = BufferPool::builder().max_buffers(2).build();
    let guards: Vec<PooledBuffer> = (0..5).map(|_| pool.get()).collect();
    drop(guards);
    let stats = pool.stats();
    assert_eq!(stats.available, 2);
    assert_eq!((stats.returns, stats.discards), (2, 3));
}

#[test]
fn buffers_that_grew_past_the_limit_are_freed_not_kept() {
    let pool = BufferPool::builder()
        .initial_capacity(64)
        .max_buffer_capacity(4096)
        .build();
    let mut big = pool.get();
    big.extend_from_slice(&[1; 10_000]);
    drop(big);
    let mut small = pool.get();
    small.extend_from_slice(&[1; 1000]);
    drop(small);
    let stats = pool.stats();
    assert_eq!((stats.returns, stats.discards, stats.available), (1, 1, 1));
    assert!(pool.get().capacity() <= 4096);
}

#[test]
fn into_inner_keeps_the_buffer_out_of_the_pool() {
    let pool = BufferPool::new();
    let mut buf = pool.get();
    buf.extend_from_slice(b"kept");
    let owned = buf.into_inner();
    assert_eq!(&owned[..], b"kept");
    let stats = pool.stats();
    assert_eq!((stats.returns, stats.discards, stats.available), (0, 0, 0));
}

#[test]
fn guards_can_move_between_threads_and_pools_are_shared_by_clone() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<BufferPool>();
    assert_send_sync::<PooledBuffer>();
    let pool = BufferPool::new();
    let mut buf = pool.get();
    chat_from("a", 1).encode_into(&mut buf).unwrap();
    let clone = pool.clone();
    thread::spawn(move || {
        assert_eq!(ChatMessage::from_wire(&buf).unwrap().sender, "a");
        drop(buf);
        assert_eq!(clone.stats().available, 1);
    })
    .join()
    .unwrap();
    assert_eq!(pool.stats().returns, 1);
}

const THREADS: u64 = 8;
const CYCLES: u64 = 100_000;
const MAX_BUFFERS: usize = 4;

/// 8 threads × 100k get / encode / check / return cycles on a pool that keeps fewer buffers than
/// there are threads, so buffers are reused, allocated and discarded all the time.
///
/// Two checks that a buffer is never held by two threads at once: a registry of the buffers out
/// (by address: a live allocation's address is unique) refuses a second holder outright, and each
/// thread stamps the buffer with its own message and reads the stamp back after yielding, so a
/// concurrent writer would be seen.
#[test]
fn stress_eight_threads_never_share_a_buffer_and_memory_stays_bounded() {
    let pool = BufferPool::builder()
        .max_buffers(MAX_BUFFERS)
        .initial_capacity(1024)
        .build();
    let in_use = Arc::new(Mutex::new(HashSet::new()));
    let workers: Vec<_> = (0..THREADS)
        .map(|thread_index| {
            let pool = pool.clone();
            let in_use = Arc::clone(&in_use);
            thread::spawn(move || worker(thread_index, &pool, &in_use))
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    let stats = pool.stats();
    let gets = THREADS * CYCLES;
    assert_eq!(stats.hits + stats.misses, gets);
    assert_eq!(
        stats.returns + stats.discards,
        gets,
        "every buffer came back"
    );
    assert!(stats.available <= MAX_BUFFERS);
    assert!(stats.hits > 0, "buffers were reused");
    assert!(in_use.lock().unwrap().is_empty());
}

fn worker(thread_index: u64, pool: &BufferPool, in_use: &Mutex<HashSet<usize>>) {
    let sender = format!("thread-{thread_index}");
    let codec = HybridCodec::new();
    for cycle in 0..CYCLES {
        let mut buf = pool.get();
        assert!(buf.is_empty(), "a handed-out buffer is cleared");
        let address = buf.as_ptr() as usize;
        assert!(
            in_use.lock().unwrap().insert(address),
            "buffer handed out twice"
        );

        let range = chat_from(&sender, cycle).encode_into(&mut buf).unwrap();
        assert_eq!(
            buf.as_ptr() as usize,
            address,
            "1 KiB holds a frame: no reallocation"
        );
        if cycle % 64 == 0 {
            thread::yield_now();
        }
        let view = codec.view::<ChatMessage>(&buf[range]).unwrap();
        assert_eq!(
            (view.sender.as_str(), view.timestamp.to_native()),
            (sender.as_str(), cycle)
        );

        assert!(in_use.lock().unwrap().remove(&address));
        drop(buf);
        if cycle % 1024 == 0 {
            assert!(pool.stats().available <= MAX_BUFFERS);
        }
    }
}

#[test]
fn pool_settings_and_hit_rate_are_reported() {
    let pool = BufferPool::builder()
        .max_buffers(3)
        .initial_capacity(64)
        .build();
    assert_eq!(pool.max_buffers(), 3);
    assert_eq!(BufferPool::new().max_buffers(), 64);
    // No `get` yet: nothing was allocated, which counts as a perfect hit rate.
    assert_eq!(pool.stats().hit_rate(), 1.0);
    drop(pool.get()); // a miss
    assert_eq!(pool.stats().hit_rate(), 0.0);
    drop(pool.get()); // a hit
    assert_eq!(pool.stats().hit_rate(), 0.5);
}

#[test]
fn pools_and_pooled_buffers_debug_print_their_state() {
    let pool = BufferPool::builder()
        .max_buffers(3)
        .max_buffer_capacity(4096)
        .initial_capacity(64)
        .build();
    assert_eq!(
        format!("{pool:?}"),
        "BufferPool { config: Config { max_buffers: 3, max_buffer_capacity: 4096, \
         initial_capacity: 64 }, stats: PoolStats { hits: 0, misses: 0, returns: 0, \
         discards: 0, available: 0 } }"
    );
    let mut buffer = pool.get();
    buffer.extend_from_slice(b"abc");
    assert_eq!(
        format!("{buffer:?}"),
        format!("PooledBuffer {{ len: 3, capacity: {} }}", buffer.capacity())
    );
    assert!(buffer.capacity() >= 64);
    drop(buffer);
    assert_eq!(
        format!("{pool:?}"),
        "BufferPool { config: Config { max_buffers: 3, max_buffer_capacity: 4096, \
         initial_capacity: 64 }, stats: PoolStats { hits: 0, misses: 1, returns: 1, \
         discards: 0, available: 1 } }"
    );
}
