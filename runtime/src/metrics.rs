//! Codec metrics: lock-free per-thread counters, summed into a [`PerformanceMetrics`] snapshot.
//!
//! Each thread counts into its own shard, which only that thread writes: a count is a relaxed
//! load and store, no atomic read-modify-write and no shared cache line, so counting costs about
//! as much as a plain increment. [`metrics`] sums every live shard plus the counts of threads that
//! have exited (folded in when their shard is dropped).

use crate::error::CodecError;
use crate::kind::CodecKind;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// What is counted, per codec kind.
#[derive(Clone, Copy)]
enum Counter {
    Encodes,
    Decodes,
    EncodeFailures,
    DecodeFailures,
    JsonFallbacks,
    BytesEncoded,
    BytesDecoded,
    EncodeNanos,
    DecodeNanos,
}

const COUNTERS: usize = 9;
const KINDS: usize = 3;

fn kind_index(kind: CodecKind) -> usize {
    match kind {
        CodecKind::Json => 0,
        CodecKind::Rkyv => 1,
        CodecKind::Hybrid => 2,
    }
}

type Counts = [[u64; COUNTERS]; KINDS];

/// One thread's counters. Only the owning thread writes them; [`metrics`] reads them.
struct Shard([[AtomicU64; COUNTERS]; KINDS]);

impl Shard {
    #[inline]
    fn add(&self, kind: CodecKind, counter: Counter, by: u64) {
        let cell = &self.0[kind_index(kind)][counter as usize];
        // Single writer: load + store cannot lose an update, and needs no locked instruction.
        cell.store(
            cell.load(Ordering::Relaxed).wrapping_add(by),
            Ordering::Relaxed,
        );
    }

    fn add_into(&self, counts: &mut Counts) {
        for (row, cells) in counts.iter_mut().zip(&self.0) {
            for (count, cell) in row.iter_mut().zip(cells) {
                *count = count.wrapping_add(cell.load(Ordering::Relaxed));
            }
        }
    }
}

/// Every live shard, the counts of exited threads, and the baseline [`reset_metrics`] set.
struct Registry {
    live: Vec<Arc<Shard>>,
    retired: Counts,
    baseline: Counts,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    live: Vec::new(),
    retired: [[0; COUNTERS]; KINDS],
    baseline: [[0; COUNTERS]; KINDS],
});

static TIMING: AtomicBool = AtomicBool::new(false);

fn registry() -> MutexGuard<'static, Registry> {
    // Counters are plain numbers: a panic elsewhere cannot leave them inconsistent.
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A thread's registered shard; dropping it (at thread exit) folds its counts into `retired`.
struct ShardHandle(Arc<Shard>);

impl ShardHandle {
    fn register() -> ShardHandle {
        let shard = Arc::new(Shard(Default::default()));
        registry().live.push(Arc::clone(&shard));
        ShardHandle(shard)
    }
}

impl Drop for ShardHandle {
    fn drop(&mut self) {
        let mut registry = registry();
        let Registry { live, retired, .. } = &mut *registry;
        self.0.add_into(retired);
        live.retain(|shard| !Arc::ptr_eq(shard, &self.0));
    }
}

thread_local! {
    static SHARD: ShardHandle = ShardHandle::register();
}

/// Adds to this thread's counters of `kind`, with one thread-local access for all of them.
#[inline]
fn add(kind: CodecKind, counts: &[(Counter, u64)]) {
    // During thread teardown the shard may be gone: those counts are dropped, never a panic.
    let _ = SHARD.try_with(|handle| {
        for &(counter, by) in counts {
            handle.0.add(kind, counter, by);
        }
    });
}

/// A started clock when timing is on ([`set_metrics_timing`]); reading a clock costs about as
/// much as a small rkyv encode, so it is off by default.
#[inline]
fn start_timer() -> Option<Instant> {
    TIMING.load(Ordering::Relaxed).then(Instant::now)
}

fn elapsed_nanos(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

/// Runs an encode of a `kind` codec and records it; `len` says how many bytes it wrote.
#[inline]
pub(crate) fn metered_encode<R>(
    kind: CodecKind,
    encode: impl FnOnce() -> Result<R, CodecError>,
    len: impl FnOnce(&R) -> usize,
) -> Result<R, CodecError> {
    let started = start_timer();
    let result = encode();
    let outcome = match &result {
        Ok(output) => [
            (Counter::Encodes, 1),
            (Counter::BytesEncoded, len(output) as u64),
        ],
        Err(_) => [(Counter::EncodeFailures, 1), (Counter::BytesEncoded, 0)],
    };
    match started {
        None => add(kind, &outcome),
        Some(started) => add(
            kind,
            &[
                outcome[0],
                outcome[1],
                (Counter::EncodeNanos, elapsed_nanos(started)),
            ],
        ),
    }
    result
}

/// Runs a decode of `bytes` by a `kind` codec and records it.
#[inline]
pub(crate) fn metered_decode<T>(
    kind: CodecKind,
    bytes: &[u8],
    decode: impl FnOnce(&[u8]) -> Result<T, CodecError>,
) -> Result<T, CodecError> {
    let started = start_timer();
    let result = decode(bytes);
    let outcome = match &result {
        Ok(_) => [
            (Counter::Decodes, 1),
            (Counter::BytesDecoded, bytes.len() as u64),
        ],
        Err(_) => [(Counter::DecodeFailures, 1), (Counter::BytesDecoded, 0)],
    };
    match started {
        None => add(kind, &outcome),
        Some(started) => add(
            kind,
            &[
                outcome[0],
                outcome[1],
                (Counter::DecodeNanos, elapsed_nanos(started)),
            ],
        ),
    }
    result
}

/// Records that a hybrid encode fell back to JSON.
pub(crate) fn record_json_fallback() {
    add(CodecKind::Hybrid, &[(Counter::JsonFallbacks, 1)]);
}

/// Turns timing of encodes and decodes on or off for all threads (off by default).
pub fn set_metrics_timing(on: bool) {
    TIMING.store(on, Ordering::Relaxed);
}

/// Whether encodes and decodes are timed.
pub fn metrics_timing() -> bool {
    TIMING.load(Ordering::Relaxed)
}

fn current_counts(registry: &Registry) -> Counts {
    let mut counts = registry.retired;
    for shard in &registry.live {
        shard.add_into(&mut counts);
    }
    counts
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
    let registry = registry();
    let counts = subtract(&current_counts(&registry), &registry.baseline);
    PerformanceMetrics::from_counts(&counts)
}

/// Starts the counts of [`metrics`] from zero again, for all threads.
pub fn reset_metrics() {
    let mut registry = registry();
    registry.baseline = current_counts(&registry);
}

fn subtract(counts: &Counts, baseline: &Counts) -> Counts {
    let mut out = *counts;
    for (row, base) in out.iter_mut().zip(baseline) {
        for (count, base) in row.iter_mut().zip(base) {
            *count = count.wrapping_sub(*base);
        }
    }
    out
}

/// Codec metrics of all threads, per codec kind: the design note's `PerformanceMetrics`.
///
/// `json`, `rkyv` and `hybrid` count the work of [`JsonCodec`](crate::JsonCodec),
/// [`RkyvCodec`](crate::RkyvCodec) and [`HybridCodec`](crate::HybridCodec) (which `to_wire` and
/// `from_wire` use); a [`CompressedCodec`](crate::CompressedCodec) counts as the codec it wraps.
/// Zero-copy views are not counted: they are cheaper than the counting would be.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct PerformanceMetrics {
    /// [`JsonCodec`](crate::JsonCodec).
    pub json: CodecMetrics,
    /// [`RkyvCodec`](crate::RkyvCodec).
    pub rkyv: CodecMetrics,
    /// [`HybridCodec`](crate::HybridCodec), `to_wire` and `from_wire`.
    pub hybrid: CodecMetrics,
}

impl PerformanceMetrics {
    fn from_counts(counts: &Counts) -> PerformanceMetrics {
        PerformanceMetrics {
            json: CodecMetrics::from_counts(&counts[kind_index(CodecKind::Json)]),
            rkyv: CodecMetrics::from_counts(&counts[kind_index(CodecKind::Rkyv)]),
            hybrid: CodecMetrics::from_counts(&counts[kind_index(CodecKind::Hybrid)]),
        }
    }

    /// The metrics of one codec kind.
    pub fn get(&self, kind: CodecKind) -> &CodecMetrics {
        match kind {
            CodecKind::Json => &self.json,
            CodecKind::Rkyv => &self.rkyv,
            CodecKind::Hybrid => &self.hybrid,
        }
    }

    /// All codecs together.
    pub fn total(&self) -> CodecMetrics {
        self.json.plus(&self.rkyv).plus(&self.hybrid)
    }

    /// The share of encodes and decodes of all codecs that succeeded, from 0 to 1.
    pub fn success_rate(&self) -> f64 {
        self.total().success_rate()
    }

    /// The share of hybrid encodes that fell back to JSON, from 0 to 1.
    pub fn fallback_rate(&self) -> f64 {
        self.hybrid.fallback_rate()
    }

    /// What happened between `earlier` and this snapshot.
    pub fn since(&self, earlier: &PerformanceMetrics) -> PerformanceMetrics {
        PerformanceMetrics {
            json: self.json.minus(&earlier.json),
            rkyv: self.rkyv.minus(&earlier.rkyv),
            hybrid: self.hybrid.minus(&earlier.hybrid),
        }
    }
}

/// Counts of one codec kind. Times are zero unless [`set_metrics_timing`] was on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CodecMetrics {
    /// Successful encodes.
    pub encodes: u64,
    /// Successful decodes.
    pub decodes: u64,
    /// Encodes that returned an error.
    pub encode_failures: u64,
    /// Decodes that returned an error (bad input of any kind).
    pub decode_failures: u64,
    /// Hybrid encodes that wrote a JSON frame because rkyv failed (counted in `encodes` too).
    pub json_fallbacks: u64,
    /// Bytes written by successful encodes.
    pub bytes_encoded: u64,
    /// Input bytes of successful decodes.
    pub bytes_decoded: u64,
    /// Time spent encoding, while timing was on.
    pub encode_time: Duration,
    /// Time spent decoding, while timing was on.
    pub decode_time: Duration,
}

impl CodecMetrics {
    fn from_counts(row: &[u64; COUNTERS]) -> CodecMetrics {
        let at = |counter: Counter| row[counter as usize];
        CodecMetrics {
            encodes: at(Counter::Encodes),
            decodes: at(Counter::Decodes),
            encode_failures: at(Counter::EncodeFailures),
            decode_failures: at(Counter::DecodeFailures),
            json_fallbacks: at(Counter::JsonFallbacks),
            bytes_encoded: at(Counter::BytesEncoded),
            bytes_decoded: at(Counter::BytesDecoded),
            encode_time: Duration::from_nanos(at(Counter::EncodeNanos)),
            decode_time: Duration::from_nanos(at(Counter::DecodeNanos)),
        }
    }

    fn combine(&self, other: &CodecMetrics, op: fn(u64, u64) -> u64) -> CodecMetrics {
        let nanos = |a: Duration, b: Duration| {
            let to_u64 = |d: Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
            Duration::from_nanos(op(to_u64(a), to_u64(b)))
        };
        CodecMetrics {
            encodes: op(self.encodes, other.encodes),
            decodes: op(self.decodes, other.decodes),
            encode_failures: op(self.encode_failures, other.encode_failures),
            decode_failures: op(self.decode_failures, other.decode_failures),
            json_fallbacks: op(self.json_fallbacks, other.json_fallbacks),
            bytes_encoded: op(self.bytes_encoded, other.bytes_encoded),
            bytes_decoded: op(self.bytes_decoded, other.bytes_decoded),
            encode_time: nanos(self.encode_time, other.encode_time),
            decode_time: nanos(self.decode_time, other.decode_time),
        }
    }

    fn plus(&self, other: &CodecMetrics) -> CodecMetrics {
        self.combine(other, u64::wrapping_add)
    }

    fn minus(&self, other: &CodecMetrics) -> CodecMetrics {
        self.combine(other, u64::wrapping_sub)
    }

    /// The share of encodes and decodes that succeeded, from 0 to 1 (1 when there were none).
    pub fn success_rate(&self) -> f64 {
        let ok = self.encodes + self.decodes;
        ratio(ok, ok + self.encode_failures + self.decode_failures, 1.0)
    }

    /// The share of successful encodes that fell back to JSON, from 0 to 1 (0 when there were
    /// none).
    pub fn fallback_rate(&self) -> f64 {
        ratio(self.json_fallbacks, self.encodes, 0.0)
    }
}

fn ratio(part: u64, whole: u64, if_none: f64) -> f64 {
    if whole == 0 {
        if_none
    } else {
        part as f64 / whole as f64
    }
}
