//! [`BufferPool`]: a bounded, thread-safe pool of reusable aligned buffers.

use rkyv::util::AlignedVec;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A bounded, thread-safe pool of 16-byte aligned buffers for [`encode_into`].
///
/// [`get`](BufferPool::get) hands out a [`PooledBuffer`] that owns its buffer outright: a buffer
/// leaves the pool when it is handed out, so no two holders ever share one. Dropping the guard
/// clears the buffer and puts it back, unless the pool already keeps
/// [`max_buffers`](BufferPoolBuilder::max_buffers) buffers or the buffer grew past
/// [`max_buffer_capacity`](BufferPoolBuilder::max_buffer_capacity); such a buffer is freed
/// instead, so the memory a pool keeps is bounded by `max_buffers × max_buffer_capacity`.
/// When the pool is empty, `get` allocates a new buffer.
///
/// The pool is `Send + Sync`; share it by `&`, by `Arc`, or by cloning it (clones share one
/// pool). Guards are `'static` and `Send`: a buffer can be filled on one thread and returned
/// from another.
///
/// ```
/// use wiremsg::{BufferPool, WireMessage};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Ping {
///     seq: u64,
/// }
///
/// let pool = BufferPool::builder().max_buffers(8).build();
/// {
///     let mut buf = pool.get(); // empty pool: a new buffer (a miss)
///     let frame = Ping { seq: 1 }.encode_into(&mut buf)?;
///     assert_eq!(Ping::from_wire(&buf[frame])?, Ping { seq: 1 });
/// } // dropped: cleared and returned
/// let buf = pool.get(); // the same buffer again (a hit), empty
/// assert!(buf.is_empty());
/// let stats = pool.stats();
/// assert_eq!((stats.hits, stats.misses, stats.returns), (1, 1, 1));
/// # Ok::<(), wiremsg::CodecError>(())
/// ```
///
/// [`encode_into`]: crate::Codec::encode_into
#[derive(Clone)]
pub struct BufferPool {
    shared: Arc<Shared>,
}

struct Shared {
    /// Kept buffers and the counters, under one lock: a get or a return takes the lock once and
    /// counts while holding it, with no further atomic operation.
    state: Mutex<State>,
    config: Config,
}

#[derive(Default)]
struct State {
    free: Vec<AlignedVec>,
    counts: Counts,
}

#[derive(Debug, Clone, Copy)]
struct Config {
    max_buffers: usize,
    max_buffer_capacity: usize,
    initial_capacity: usize,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    hits: u64,
    misses: u64,
    returns: u64,
    discards: u64,
}

/// Counters of a [`BufferPool`], read with [`BufferPool::stats`].
///
/// Every counter is exact, and all of them (and `available`) are read at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct PoolStats {
    /// `get` calls served with a kept buffer.
    pub hits: u64,
    /// `get` calls that found the pool empty and allocated a new buffer.
    pub misses: u64,
    /// Buffers put back into the pool when their guard was dropped.
    pub returns: u64,
    /// Buffers freed instead of kept: the pool was full, or the buffer grew past the limit.
    pub discards: u64,
    /// Buffers in the pool right now, ready to hand out.
    pub available: usize,
}

impl PoolStats {
    /// The share of `get` calls served without allocating, from 0 to 1 (1 before any call).
    pub fn hit_rate(&self) -> f64 {
        let total = self.hits + self.misses;
        if total == 0 {
            1.0
        } else {
            self.hits as f64 / total as f64
        }
    }
}

/// Configures a [`BufferPool`]; start from [`BufferPool::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct BufferPoolBuilder {
    config: Config,
}

impl BufferPoolBuilder {
    /// The most buffers the pool keeps (default 64). More can be out at once; extra ones are
    /// freed when returned.
    pub fn max_buffers(mut self, max_buffers: usize) -> Self {
        self.config.max_buffers = max_buffers;
        self
    }

    /// A returned buffer whose capacity grew past this many bytes is freed instead of kept
    /// (default 1 MiB), so one huge message does not pin its memory in the pool.
    pub fn max_buffer_capacity(mut self, bytes: usize) -> Self {
        self.config.max_buffer_capacity = bytes;
        self
    }

    /// The capacity of each newly allocated buffer (default 1 KiB).
    pub fn initial_capacity(mut self, bytes: usize) -> Self {
        self.config.initial_capacity = bytes;
        self
    }

    /// Builds the pool, empty.
    pub fn build(self) -> BufferPool {
        BufferPool {
            shared: Arc::new(Shared {
                state: Mutex::new(State {
                    free: Vec::with_capacity(self.config.max_buffers),
                    counts: Counts::default(),
                }),
                config: self.config,
            }),
        }
    }
}

impl Default for BufferPoolBuilder {
    fn default() -> Self {
        BufferPoolBuilder {
            config: Config {
                max_buffers: 64,
                max_buffer_capacity: 1 << 20,
                initial_capacity: 1 << 10,
            },
        }
    }
}

impl Default for BufferPool {
    /// A pool with the default settings; see [`BufferPoolBuilder`].
    fn default() -> Self {
        BufferPool::builder().build()
    }
}

impl BufferPool {
    /// A pool with the default settings: at most 64 buffers of at most 1 MiB kept, new ones
    /// allocated with 1 KiB.
    pub fn new() -> BufferPool {
        BufferPool::default()
    }

    /// Configures a pool.
    pub fn builder() -> BufferPoolBuilder {
        BufferPoolBuilder::default()
    }

    /// An empty buffer, taken from the pool or newly allocated when the pool is empty.
    pub fn get(&self) -> PooledBuffer {
        let kept = {
            let mut state = self.shared.lock();
            let kept = state.free.pop();
            match kept {
                Some(_) => state.counts.hits += 1,
                None => state.counts.misses += 1,
            }
            kept
        };
        let buffer =
            kept.unwrap_or_else(|| AlignedVec::with_capacity(self.shared.config.initial_capacity));
        PooledBuffer {
            buffer,
            pool: Some(Arc::clone(&self.shared)),
        }
    }
    /// The pool's counters.
    pub fn stats(&self) -> PoolStats {
        let state = self.shared.lock();
        let Counts {
            hits,
            misses,
            returns,
            discards,
        } = state.counts;
        PoolStats {
            hits,
            misses,
            returns,
            discards,
            available: state.free.len(),
        }
    }
    /// The most buffers the pool keeps.
    pub fn max_buffers(&self) -> usize {
        self.shared.config.max_buffers
    }
}

impl fmt::Debug for BufferPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BufferPool")
            .field("config", &self.shared.config)
            .field("stats", &self.stats())
            .finish()
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Buffers and counts stay consistent whatever panicked while the lock was held.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn give_back(&self, mut buffer: AlignedVec) {
        let keep = buffer.capacity() <= self.config.max_buffer_capacity;
        buffer.clear();
        let mut state = self.lock();
        if keep && state.free.len() < self.config.max_buffers {
            state.free.push(buffer);
            state.counts.returns += 1;
        } else {
            state.counts.discards += 1;
            // Freed after the lock is released.
            drop(state);
            drop(buffer);
        }
    }
}

/// A buffer from a [`BufferPool`], owned by this guard alone; dropping it returns the buffer,
/// cleared. Derefs to [`AlignedVec<16>`](AlignedVec).
pub struct PooledBuffer {
    buffer: AlignedVec,
    /// Where the buffer goes back to; `None` once [`PooledBuffer::into_inner`] kept it.
    pool: Option<Arc<Shared>>,
}

impl PooledBuffer {
    /// Keeps the buffer instead of returning it to the pool.
    pub fn into_inner(mut self) -> AlignedVec {
        self.pool = None;
        std::mem::take(&mut self.buffer)
    }
}

impl Deref for PooledBuffer {
    type Target = AlignedVec;

    fn deref(&self) -> &AlignedVec {
        &self.buffer
    }
}

impl DerefMut for PooledBuffer {
    fn deref_mut(&mut self) -> &mut AlignedVec {
        &mut self.buffer
    }
}

impl Drop for PooledBuffer {
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            pool.give_back(std::mem::take(&mut self.buffer));
        }
    }
}

impl fmt::Debug for PooledBuffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PooledBuffer")
            .field("len", &self.buffer.len())
            .field("capacity", &self.buffer.capacity())
            .finish()
    }
}
