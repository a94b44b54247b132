//! Codec metrics: lock-free per-thread counters, summed into a [`PerformanceMetrics`] snapshot
//! (the snapshot types are `metrics/snapshot.rs`).
//!
//! Each thread counts into its own shard, which only that thread writes: a count is a relaxed
//! load and store, no atomic read-modify-write and no shared cache line, so counting costs about
//! as much as a plain increment. [`metrics`] sums every shard. A shard outlives its thread (its
//! counts stay) and is handed to the next new thread, so there are never more shards than threads
//! were alive at once.

mod snapshot;

pub use self::snapshot::{AlignmentMetrics, CodecMetrics, PerformanceMetrics};

use crate::kind::CodecKind;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// A counter with one writer, the thread that owns its shard.
#[derive(Default)]
struct Count(AtomicU64);

impl Count {
    #[inline]
    fn add(&self, by: u64) {
        // Single writer: load + store cannot lose an update, and needs no locked instruction.
        let cell = &self.0;
        cell.store(
            cell.load(Ordering::Relaxed).wrapping_add(by),
            Ordering::Relaxed,
        );
    }

    fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// One thread's counters of one codec kind.
#[derive(Default)]
struct KindCounts {
    encodes: Count,
    decodes: Count,
    encode_failures: Count,
    decode_failures: Count,
    json_fallbacks: Count,
    bytes_encoded: Count,
    bytes_decoded: Count,
    encode_nanos: Count,
    decode_nanos: Count,
}

impl KindCounts {
    fn add_into(&self, totals: &mut CodecMetrics) {
        let nanos = |count: &Count| Duration::from_nanos(count.get());
        totals.encodes = totals.encodes.wrapping_add(self.encodes.get());
        totals.decodes = totals.decodes.wrapping_add(self.decodes.get());
        totals.encode_failures = totals
            .encode_failures
            .wrapping_add(self.encode_failures.get());
        totals.decode_failures = totals
            .decode_failures
            .wrapping_add(self.decode_failures.get());
        totals.json_fallbacks = totals
            .json_fallbacks
            .wrapping_add(self.json_fallbacks.get());
        totals.bytes_encoded = totals.bytes_encoded.wrapping_add(self.bytes_encoded.get());
        totals.bytes_decoded = totals.bytes_decoded.wrapping_add(self.bytes_decoded.get());
        totals.encode_time = totals.encode_time.saturating_add(nanos(&self.encode_nanos));
        totals.decode_time = totals.decode_time.saturating_add(nanos(&self.decode_nanos));
    }
}

/// One thread's counters of frames read zero-copy at any alignment.
#[derive(Default)]
struct AlignmentCounts {
    in_place: Count,
    copied: Count,
    bytes_copied: Count,
}

impl AlignmentCounts {
    fn add_into(&self, totals: &mut AlignmentMetrics) {
        totals.in_place = totals.in_place.wrapping_add(self.in_place.get());
        totals.copied = totals.copied.wrapping_add(self.copied.get());
        totals.bytes_copied = totals.bytes_copied.wrapping_add(self.bytes_copied.get());
    }
}

/// One thread's counters. Only the owning thread writes them; [`metrics`] reads them.
#[derive(Default)]
struct Shard {
    json: KindCounts,
    rkyv: KindCounts,
    hybrid: KindCounts,
    alignment: AlignmentCounts,
}

impl Shard {
    #[inline]
    fn kind(&self, kind: CodecKind) -> &KindCounts {
        match kind {
            CodecKind::Json => &self.json,
            CodecKind::Rkyv => &self.rkyv,
            CodecKind::Hybrid => &self.hybrid,
        }
    }
}

/// Every shard ever made, the ones free for a new thread, and the baseline [`reset_metrics`] set.
struct ShardList {
    /// Summed by [`metrics`]. Shards are never freed, so counts outlive their threads.
    all: Vec<&'static Shard>,
    /// Shards of exited threads, handed to new threads: memory stays bounded by the most
    /// threads alive at once, and each shard keeps one writer at a time.
    free: Vec<&'static Shard>,
    baseline: PerformanceMetrics,
}

static SHARDS: Mutex<ShardList> = Mutex::new(ShardList {
    all: Vec::new(),
    free: Vec::new(),
    baseline: PerformanceMetrics::ZERO,
});

static TIMING: AtomicBool = AtomicBool::new(false);

fn shard_list() -> MutexGuard<'static, ShardList> {
    // Counters are plain numbers: a panic elsewhere cannot leave them inconsistent.
    SHARDS.lock().unwrap_or_else(PoisonError::into_inner)
}

thread_local! {
    /// This thread's shard, once it has counted something. Const-initialized and without a
    /// destructor, so reading it is a plain thread-local load: the fast path of every count.
    static SHARD: Cell<Option<&'static Shard>> = const { Cell::new(None) };
    /// Gives the shard back to the free list when the thread exits.
    static RELEASE: Release = const { Release };
}

struct Release;

impl Drop for Release {
    fn drop(&mut self) {
        // Whatever this thread counts from now on is dropped (see `claim_shard`), so the shard
        // is free for another thread.
        if let Ok(Some(shard)) = SHARD.try_with(Cell::take) {
            shard_list().free.push(shard);
        }
    }
}

/// This thread's counters of `kind`; `None` during thread teardown.
#[inline]
fn counts(kind: CodecKind) -> Option<&'static KindCounts> {
    Some(shard()?.kind(kind))
}

/// This thread's shard; `None` during thread teardown.
#[inline]
fn shard() -> Option<&'static Shard> {
    match SHARD.try_with(Cell::get) {
        Ok(Some(shard)) => Some(shard),
        _ => claim_shard(),
    }
}

#[cold]
fn claim_shard() -> Option<&'static Shard> {
    // Touching `RELEASE` registers its destructor; once it has run, the thread is exiting and
    // must not claim a shard again.
    RELEASE.try_with(|_| ()).ok()?;
    let mut shards = shard_list();
    let shard = match shards.free.pop() {
        Some(shard) => shard,
        None => {
            let shard: &'static Shard = Box::leak(Box::default());
            shards.all.push(shard);
            shard
        }
    };
    SHARD.try_with(|cell| cell.set(Some(shard))).ok()?;
    Some(shard)
}

fn elapsed_nanos(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

/// The time now when timing is on: reading a clock costs about as much as a small rkyv encode,
/// so timing is opt-in.
#[inline]
pub(crate) fn start_clock() -> Option<Instant> {
    if TIMING.load(Ordering::Relaxed) {
        Some(Instant::now())
    } else {
        None
    }
}

/// Counts an encode that wrote `written` bytes, or failed (`None`). The common case (a success,
/// timing off, this thread's shard claimed) is two counter bumps inline; the rest is out of line.
#[inline]
pub(crate) fn record_encode(kind: CodecKind, written: Option<usize>, started: Option<Instant>) {
    record(kind, Direction::Encode, written, started);
}

/// Counts a decode that read `read` bytes, or failed (`None`); see [`record_encode`].
#[inline]
pub(crate) fn record_decode(kind: CodecKind, read: Option<usize>, started: Option<Instant>) {
    record(kind, Direction::Decode, read, started);
}

#[derive(Clone, Copy)]
enum Direction {
    Encode,
    Decode,
}

impl KindCounts {
    /// The counters of one direction: operations, bytes, failures, nanoseconds.
    #[inline]
    fn of(&self, direction: Direction) -> [&Count; 4] {
        match direction {
            Direction::Encode => [
                &self.encodes,
                &self.bytes_encoded,
                &self.encode_failures,
                &self.encode_nanos,
            ],
            Direction::Decode => [
                &self.decodes,
                &self.bytes_decoded,
                &self.decode_failures,
                &self.decode_nanos,
            ],
        }
    }
}

#[inline]
fn record(kind: CodecKind, direction: Direction, bytes: Option<usize>, started: Option<Instant>) {
    match (bytes, started, SHARD.try_with(Cell::get)) {
        (Some(len), None, Ok(Some(shard))) => {
            let [operations, total_bytes, _, _] = shard.kind(kind).of(direction);
            operations.add(1);
            total_bytes.add(len as u64);
        }
        _ => record_slow(kind, direction, bytes, started),
    }
}

#[cold]
fn record_slow(
    kind: CodecKind,
    direction: Direction,
    bytes: Option<usize>,
    started: Option<Instant>,
) {
    let Some(counts) = counts(kind) else { return };
    let [operations, total_bytes, failures, nanos] = counts.of(direction);
    match bytes {
        Some(len) => {
            operations.add(1);
            total_bytes.add(len as u64);
        }
        None => failures.add(1),
    }
    if let Some(started) = started {
        nanos.add(elapsed_nanos(started));
    }
}

/// Records that a hybrid encode fell back to JSON.
pub(crate) fn record_json_fallback() {
    if let Some(counts) = counts(CodecKind::Hybrid) {
        counts.json_fallbacks.add(1);
    }
}

/// Counts a frame read zero-copy in place (`copied` is `None`), or after a copy of `copied`
/// bytes into aligned space.
#[inline]
pub(crate) fn record_alignment(copied: Option<usize>) {
    let Some(shard) = shard() else { return };
    match copied {
        None => shard.alignment.in_place.add(1),
        Some(bytes) => {
            shard.alignment.copied.add(1);
            shard.alignment.bytes_copied.add(bytes as u64);
        }
    }
}

/// Turns timing of encodes and decodes on or off for all threads (off by default).
pub fn set_metrics_timing(on: bool) {
    TIMING.store(on, Ordering::Relaxed);
}

/// Whether encodes and decodes are timed.
pub fn metrics_timing() -> bool {
    TIMING.load(Ordering::Relaxed)
}

/// The sum of every shard's counters.
fn current_totals(shards: &ShardList) -> PerformanceMetrics {
    let mut totals = PerformanceMetrics::default();
    for shard in &shards.all {
        shard.json.add_into(&mut totals.json);
        shard.rkyv.add_into(&mut totals.rkyv);
        shard.hybrid.add_into(&mut totals.hybrid);
        shard.alignment.add_into(&mut totals.alignment);
    }
    totals
}

/// A snapshot of the codec metrics of all threads since the start (or the last
/// [`reset_metrics`]).
///
/// ```
/// use wiremsg::{CodecKind, WireMessage};
///
/// #[derive(WireMessage)]
/// struct Ping {
///     seq: u64,
/// }
///
/// let before = wiremsg::metrics();
/// let frame = Ping { seq: 1 }.to_wire()?;
/// Ping::from_wire(&frame)?;
/// let hybrid = wiremsg::metrics().since(&before).get(CodecKind::Hybrid).clone();
/// assert_eq!((hybrid.encodes, hybrid.decodes), (1, 1));
/// assert_eq!(hybrid.bytes_encoded, frame.len() as u64);
/// assert_eq!(hybrid.success_rate(), 1.0);
/// # Ok::<(), wiremsg::CodecError>(())
/// ```
pub fn metrics() -> PerformanceMetrics {
    let shards = shard_list();
    current_totals(&shards).since(&shards.baseline)
}

/// Starts the counts of [`metrics`] from zero again, for all threads.
pub fn reset_metrics() {
    let mut shards = shard_list();
    shards.baseline = current_totals(&shards);
}
